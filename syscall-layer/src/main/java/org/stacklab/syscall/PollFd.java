package org.stacklab.syscall;

/** One entry of {@code poll(2)}'s array: the fd, the events asked for, the events that happened. */
public final class PollFd {
    public final int fd;
    public final int events;
    public int revents;

    public PollFd(int fd, int events) {
        this.fd = fd;
        this.events = events;
    }
}
