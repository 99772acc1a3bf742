package dev.videoplatform.user.grpc;

import com.google.protobuf.Timestamp;
import dev.videoplatform.platform.auth.Caller;
import dev.videoplatform.user.service.AccountService;
import dev.videoplatform.user.service.ProfileService;
import dev.videoplatform.user.service.SubscriptionService;
import dev.videoplatform.user.v1.BatchGetUsersRequest;
import dev.videoplatform.user.v1.BatchGetUsersResponse;
import dev.videoplatform.user.v1.GetEmailAddressRequest;
import dev.videoplatform.user.v1.GetEmailAddressResponse;
import dev.videoplatform.user.v1.GetUserRequest;
import dev.videoplatform.user.v1.ListSubscribedChannelsRequest;
import dev.videoplatform.user.v1.ListSubscribedChannelsResponse;
import dev.videoplatform.user.v1.ListSubscribedChannelIdsRequest;
import dev.videoplatform.user.v1.ListSubscribedChannelIdsResponse;
import dev.videoplatform.user.v1.ListSubscriberIdsRequest;
import dev.videoplatform.user.v1.ListSubscriberIdsResponse;
import dev.videoplatform.user.v1.ListSubscribersRequest;
import dev.videoplatform.user.v1.ListSubscribersResponse;
import dev.videoplatform.user.v1.ListSubscriptionsRequest;
import dev.videoplatform.user.v1.ListSubscriptionsResponse;
import dev.videoplatform.user.v1.LoginRequest;
import dev.videoplatform.user.v1.LoginResponse;
import dev.videoplatform.user.v1.LogoutRequest;
import dev.videoplatform.user.v1.LogoutResponse;
import dev.videoplatform.user.v1.RefreshRequest;
import dev.videoplatform.user.v1.RefreshResponse;
import dev.videoplatform.user.v1.RegisterRequest;
import dev.videoplatform.user.v1.RegisterResponse;
import dev.videoplatform.user.v1.SubscribeRequest;
import dev.videoplatform.user.v1.SubscribeResponse;
import dev.videoplatform.user.v1.SubscribedChannel;
import dev.videoplatform.user.v1.UnsubscribeRequest;
import dev.videoplatform.user.v1.UnsubscribeResponse;
import dev.videoplatform.user.v1.UpdateProfileRequest;
import dev.videoplatform.user.v1.User;
import dev.videoplatform.user.v1.UserService;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;

/** gRPC face of user-service: reads the caller, delegates, shapes responses. No logic here. */
@GrpcService
public class UserGrpcEndpoint implements UserService {

    private final AccountService accounts;
    private final ProfileService profiles;
    private final SubscriptionService subscriptions;

    public UserGrpcEndpoint(AccountService accounts, ProfileService profiles, SubscriptionService subscriptions) {
        this.accounts = accounts;
        this.profiles = profiles;
        this.subscriptions = subscriptions;
    }

    @Override
    public Uni<RegisterResponse> register(RegisterRequest request) {
        return accounts.register(request.getUsername(), request.getEmail(), request.getPassword(),
                request.getDisplayName(), request.getRequestId())
                .map(user -> RegisterResponse.newBuilder().setUser(user).build());
    }

    @Override
    public Uni<LoginResponse> login(LoginRequest request) {
        return accounts.login(request.getUsernameOrEmail(), request.getPassword(), Caller.current().clientAddress())
                .map(AccountService.Session::toLogin);
    }

    @Override
    public Uni<RefreshResponse> refresh(RefreshRequest request) {
        return accounts.refresh(request.getRefreshToken()).map(AccountService.Session::toRefresh);
    }

    @Override
    public Uni<LogoutResponse> logout(LogoutRequest request) {
        return accounts.logout(Caller.current(), request.getRefreshToken(), request.getAllSessions())
                .map(count -> LogoutResponse.newBuilder().setRevokedCount(count).build());
    }

    @Override
    public Uni<User> getUser(GetUserRequest request) {
        return profiles.get(request.getUserId(), Caller.current());
    }

    @Override
    public Uni<BatchGetUsersResponse> batchGetUsers(BatchGetUsersRequest request) {
        return profiles.batchGet(request.getUserIdsList(), Caller.current())
                .map(found -> BatchGetUsersResponse.newBuilder().addAllUsers(found.getKey())
                        .addAllMissingUserIds(found.getValue()).build());
    }

    @Override
    public Uni<User> updateProfile(UpdateProfileRequest request) {
        return profiles.update(request.getUser(), request.getUpdateMask().getPathsList(), Caller.current());
    }

    @Override
    public Uni<SubscribeResponse> subscribe(SubscribeRequest request) {
        return subscriptions.subscribe(Caller.current(), request.getChannelId())
                .map(result -> SubscribeResponse.newBuilder().setSubscription(result.getKey())
                        .setCreated(result.getValue()).build());
    }

    @Override
    public Uni<UnsubscribeResponse> unsubscribe(UnsubscribeRequest request) {
        return subscriptions.unsubscribe(Caller.current(), request.getChannelId())
                .map(removed -> UnsubscribeResponse.newBuilder().setRemoved(removed).build());
    }

    @Override
    public Uni<ListSubscriptionsResponse> listSubscriptions(ListSubscriptionsRequest request) {
        return subscriptions.subscriptionsOf(Caller.current(), request.getUserId(), request.getPageSize(),
                        request.getPageToken())
                .map(page -> ListSubscriptionsResponse.newBuilder().addAllSubscriptions(page.subscriptions())
                        .setNextPageToken(page.nextPageToken()).build());
    }

    @Override
    public Uni<ListSubscribersResponse> listSubscribers(ListSubscribersRequest request) {
        return subscriptions.subscribersOf(request.getChannelId(), request.getPageSize(), request.getPageToken())
                .map(page -> ListSubscribersResponse.newBuilder().addAllSubscriptions(page.subscriptions())
                        .setNextPageToken(page.nextPageToken()).build());
    }

    @Override
    public Uni<ListSubscriberIdsResponse> listSubscriberIds(ListSubscriberIdsRequest request) {
        return subscriptions.subscriberIdsOf(request.getChannelId(), request.getPageSize(), request.getPageToken())
                .map(page -> ListSubscriberIdsResponse.newBuilder().addAllSubscriberIds(page.ids())
                        .setNextPageToken(page.nextPageToken()).build());
    }

    @Override
    public Uni<ListSubscribedChannelIdsResponse> listSubscribedChannelIds(ListSubscribedChannelIdsRequest request) {
        return subscriptions.subscribedChannelIdsOf(request.getUserId(), request.getPageSize(), request.getPageToken())
                .map(page -> ListSubscribedChannelIdsResponse.newBuilder().addAllChannelIds(page.ids())
                        .setNextPageToken(page.nextPageToken()).build());
    }

    @Override
    public Uni<GetEmailAddressResponse> getEmailAddress(GetEmailAddressRequest request) {
        return profiles.emailAddressOf(request.getUserId()).map(account -> GetEmailAddressResponse.newBuilder()
                .setEmail(account.email()).setSuspended(account.suspended()).build());
    }

    @Override
    public Uni<ListSubscribedChannelsResponse> listSubscribedChannels(ListSubscribedChannelsRequest request) {
        return subscriptions.subscribedAmong(request.getUserId(), request.getChannelIdsList()).map(entries -> {
            ListSubscribedChannelsResponse.Builder response = ListSubscribedChannelsResponse.newBuilder();
            entries.forEach(entry -> response.addChannels(SubscribedChannel.newBuilder().setChannelId(entry.otherId())
                    .setCreateTime(Timestamp.newBuilder().setSeconds(entry.createdAt().getEpochSecond())
                            .setNanos(entry.createdAt().getNano()))));
            return response.build();
        });
    }
}
