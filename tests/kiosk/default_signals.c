/*
 * default_signals COMMAND [ARG...]: runs COMMAND with every signal at its
 * default disposition and none blocked.
 *
 * The escape tests start the viewer in the background of a non-interactive
 * bash, which starts such a child with SIGINT and SIGQUIT ignored (POSIX:
 * asynchronous lists without job control). A viewer that inherits SIGINT
 * ignored passes the kiosk's "SIGINT does not end it" check whatever it
 * does itself; started through this, it meets SIGINT as it would from
 * systemd or a terminal, and the desktop-sigint case proves the signal
 * reaches it. (coreutils' `env --default-signal` does the same since 8.31;
 * this does not depend on the version installed.)
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* NSIG */
#endif
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: default_signals COMMAND [ARG...]\n");
        return 2;
    }
    /* SIGKILL and SIGSTOP cannot be changed, and the C library keeps a few
     * real-time signals for itself: those calls fail, harmlessly. */
    for (int sig = 1; sig < NSIG; sig++)
        signal(sig, SIG_DFL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    execvp(argv[1], argv + 1);
    perror(argv[1]);
    return 127;
}
