/* shell.c: '|', the current section piped to a shell command that has the
 * terminal until Enter is pressed, as less does. While the command runs the
 * browser draws nothing: a Ctrl-Z stops it with the command and fg continues
 * both, the default action of SIGTSTP. SIGTERM and SIGHUP end the browser at
 * once, as at any other time; the command gets the same signal, as a shell's
 * jobs get SIGHUP when it hangs up, and is not waited for. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fayan/i18n.h"
#include "fayan/shell.h"

void shell_pipe(const struct tty *t, struct view *v)
{
	struct buf text;
	int fds[2], tty = fileno(t->out), status = 0;
	pid_t pid;
	struct sigaction ign, old_pipe, old_int, old_quit;
	char label[64];
	bool waited = false;
	const char *press = _("Press Enter to continue");

	view_item_label(v, label, sizeof label);
	buf_init(&text);
	view_item_text(v, &text);
	tty_paste_mode(t, false);
	def_prog_mode();
	endwin();
	tty_stop_default(true);
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	/* SIGPIPE: a command that does not read everything (head -1) must not kill
	 * us; SIGINT and SIGQUIT from the keyboard are for the command, as in system(3). */
	sigaction(SIGPIPE, &ign, &old_pipe);
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	if (pipe2(fds, O_CLOEXEC) != 0) {
		view_msg(v, _("cannot pipe: %s"), strerror(errno));
		goto back;
	}
	pid = fork();
	if (pid < 0) {
		view_msg(v, _("cannot run /bin/sh: %s"), strerror(errno));
		close(fds[0]);
		close(fds[1]);
		goto back;
	}
	if (pid == 0) {
		int in = fds[0], out = tty;

		signal(SIGPIPE, SIG_DFL);
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		/* Started with stdin (or more) closed, the pipe or the terminal may
		 * be 0, 1 or 2: above 2 first, so that no dup2 closes the other. */
		if (in <= 2)
			in = fcntl(in, F_DUPFD_CLOEXEC, 3);
		if (out <= 2)
			out = fcntl(out, F_DUPFD_CLOEXEC, 3);
		if (in < 0 || out < 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(out, 2) < 0)
			_exit(126);
		/* Everything else is close-on-exec. */
		execl("/bin/sh", "sh", "-c", v->prompt.text, (char *)NULL);
		_exit(127);
	}
	close(fds[0]);
	tty_write_all(fds[1], text.data ? text.data : "", text.len);
	close(fds[1]);
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			status = -1;
			break;
		}
		if (tty_caught()) {
			kill(pid, tty_caught());
			goto back;
		}
	}
	waited = true;
	if (!tty_caught() && tty_write_all(tty, "\r\n", 2) && tty_write_all(tty, press, strlen(press))) {
		char c;

		/* The terminal is in its normal (line) mode here: a line ends with Enter. */
		while (!tty_caught() && read(fileno(t->in), &c, 1) == 1 && c != '\n' && c != '\r')
			;
	}
back:
	sigaction(SIGPIPE, &old_pipe, NULL);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	if (waited) {
		if (status == -1)
			view_msg(v, _("|%s: lost track of the command"), v->prompt.text);
		else if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
			view_msg(v, _("|%s: exit status 127 (command not found?)"), v->prompt.text);
		else if (WIFEXITED(status))
			view_msg(v, _("|%s: %s piped, exit status %d"), v->prompt.text, label, WEXITSTATUS(status));
		else if (WIFSIGNALED(status))
			view_msg(v, _("|%s: killed by signal %d"), v->prompt.text, WTERMSIG(status));
	}
	buf_free(&text);
	tty_stop_default(false);
	/* Ending: the terminal stays as the command left it, for tty_close. */
	if (tty_caught())
		return;
	reset_prog_mode();
	tty_paste_mode(t, true);
	v->redraw_all = true;
}
