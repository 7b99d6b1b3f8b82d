/* shell.c: '|', the current section piped to a shell command that has the
 * terminal until Enter is pressed, as less does. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fayan/shell.h"

void shell_pipe(const struct tty *t, struct view *v)
{
	struct buf text;
	int fds[2], tty = fileno(t->out), status = 0;
	pid_t pid;
	struct sigaction ign, old_pipe, old_int, old_quit;
	char label[64];
	bool waited = false;
	const char *press = "\r\nPress Enter to continue";

	view_item_label(v, label, sizeof label);
	buf_init(&text);
	view_item_text(v, &text);
	tty_paste_mode(t, false);
	def_prog_mode();
	endwin();
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	/* SIGPIPE: a command that does not read everything (head -1) must not kill
	 * us; SIGINT and SIGQUIT from the keyboard are for the command, as in system(3). */
	sigaction(SIGPIPE, &ign, &old_pipe);
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	if (pipe(fds) != 0) {
		view_msg(v, "cannot pipe: %s", strerror(errno));
		goto back;
	}
	pid = fork();
	if (pid < 0) {
		view_msg(v, "cannot run /bin/sh: %s", strerror(errno));
		close(fds[0]);
		close(fds[1]);
		goto back;
	}
	if (pid == 0) {
		signal(SIGPIPE, SIG_DFL);
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		if (dup2(fds[0], 0) < 0 || dup2(tty, 1) < 0 || dup2(tty, 2) < 0)
			_exit(126);
		close(fds[0]);
		close(fds[1]);
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
	}
	waited = true;
	if (!tty_caught() && tty_write_all(tty, press, strlen(press))) {
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
			view_msg(v, "|%s: lost track of the command", v->prompt.text);
		else if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
			view_msg(v, "|%s: exit status 127 (command not found?)", v->prompt.text);
		else if (WIFEXITED(status))
			view_msg(v, "|%s: %s piped, exit status %d", v->prompt.text, label, WEXITSTATUS(status));
		else if (WIFSIGNALED(status))
			view_msg(v, "|%s: killed by signal %d", v->prompt.text, WTERMSIG(status));
	}
	buf_free(&text);
	reset_prog_mode();
	tty_paste_mode(t, true);
	v->redraw_all = true;
}
