package dev.videoplatform.transcode.grpc;

import dev.videoplatform.platform.error.DomainException;
import dev.videoplatform.platform.error.Violations;
import dev.videoplatform.platform.paging.PageTokens;
import dev.videoplatform.transcode.service.TranscodeJobs;
import dev.videoplatform.transcode.v1.GetJobRequest;
import dev.videoplatform.transcode.v1.Job;
import dev.videoplatform.transcode.v1.JobState;
import dev.videoplatform.transcode.v1.ListJobsRequest;
import dev.videoplatform.transcode.v1.ListJobsResponse;
import dev.videoplatform.transcode.v1.TranscodeAdmin;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import java.util.List;

/** Operators' view of the jobs this replica holds. */
@GrpcService
public class TranscodeAdminGrpcEndpoint implements TranscodeAdmin {

    private static final int DEFAULT_PAGE = 50;
    private static final int MAX_PAGE = 500;

    private final TranscodeJobs jobs;
    private final PageTokens pageTokens;

    public TranscodeAdminGrpcEndpoint(TranscodeJobs jobs, PageTokens pageTokens) {
        this.jobs = jobs;
        this.pageTokens = pageTokens;
    }

    @Override
    public Uni<Job> getJob(GetJobRequest request) {
        return Uni.createFrom().item(() -> {
            new Violations().requireNonBlank(request.getJobId(), "job_id").throwIfAny();
            return jobs.get(request.getJobId()).orElseThrow(() ->
                    DomainException.notFound("JOB_NOT_FOUND", "no job " + request.getJobId() + " on this replica"));
        });
    }

    @Override
    public Uni<ListJobsResponse> listJobs(ListJobsRequest request) {
        return Uni.createFrom().item(() -> {
            new Violations().check(request.getState() == JobState.UNRECOGNIZED, "state", "is not a job state").throwIfAny();
            int size = PageTokens.pageSize(request.getPageSize(), DEFAULT_PAGE, MAX_PAGE, "page_size");
            String scope = "jobs:" + request.getState().getNumber() + ":" + request.getVideoId();
            List<Job> matching = jobs.list(request.getState(), request.getVideoId());
            int start = 0;
            if (!request.getPageToken().isEmpty()) {
                // Keyset: resume after the last job of the previous page, wherever it now sits.
                Job last = cursorJob(pageTokens.decode(scope, request.getPageToken(), "page_token"));
                while (start < matching.size() && TranscodeJobs.NEWEST_FIRST.compare(matching.get(start), last) <= 0) {
                    start++;
                }
            }
            List<Job> page = matching.subList(start, Math.min(matching.size(), start + size));
            ListJobsResponse.Builder response = ListJobsResponse.newBuilder().addAllJobs(page);
            if (start + size < matching.size()) {
                Job last = page.get(page.size() - 1);
                response.setNextPageToken(pageTokens.encode(scope, List.of(Long.toString(last.getCreateTime().getSeconds()),
                        Integer.toString(last.getCreateTime().getNanos()), last.getJobId())));
            }
            return response.build();
        });
    }

    private static Job cursorJob(List<String> cursor) {
        try {
            return Job.newBuilder().setJobId(cursor.get(2)).setCreateTime(com.google.protobuf.Timestamp.newBuilder()
                    .setSeconds(Long.parseLong(cursor.get(0))).setNanos(Integer.parseInt(cursor.get(1)))).build();
        } catch (IndexOutOfBoundsException | NumberFormatException e) {
            throw DomainException.invalidArgument("page_token", "is not a page token of this query");
        }
    }
}
