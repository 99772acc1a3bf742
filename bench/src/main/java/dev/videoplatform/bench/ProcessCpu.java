package dev.videoplatform.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU seconds used so far, from {@code /proc/<pid>/stat} (clock ticks of 10 ms): by a process
 * (utime + stime), by its live descendants (PostgreSQL's and Redis' processes under the
 * devstack), and by this JVM's children that ended (cutime + cstime: a tool run to completion).
 */
final class ProcessCpu {

    private static final double TICK_SECONDS = 0.01;

    private ProcessCpu() {
    }

    static double of(long pid) {
        return ticks(pid, 14, 15) * TICK_SECONDS;
    }

    static double ofDescendants(long pid) {
        return ProcessHandle.of(pid).stream().flatMap(ProcessHandle::descendants).mapToDouble(p -> of(p.pid())).sum();
    }

    static double ofEndedChildren() {
        return ticks(ProcessHandle.current().pid(), 16, 17) * TICK_SECONDS;
    }

    /** The sum of two fields of /proc/pid/stat, numbered as in proc(5) (1 = pid); 0 once the process is gone. */
    private static long ticks(long pid, int first, int second) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command (field 2) may hold spaces: split after it, where fields[0] is field 3.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[first - 3]) + Long.parseLong(fields[second - 3]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
