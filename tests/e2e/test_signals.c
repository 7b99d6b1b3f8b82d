/* test_signals.c: the browser stopped and continued by a job-control shell
 * (Ctrl-Z, fg), ended by Ctrl-\, and the '|' command under signals, a
 * stop and a closed standard input. The shell is dash with `set -m`, which
 * gives the browser the terminal as a foreground job, takes it back when the
 * browser stops and turns bracketed paste off before `fg` as bash does. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

#define COLS 100
#define ROWS 30
#define STATUS (ROWS - 1)

/* The modes the browser sets, as ncurses and fayan write them for
 * xterm-256color: each turned on by `on` and off by `off`. */
static const struct {
	const char *name, *on, *off;
} modes[] = {
	{"alternate screen", "\033[?1049h", "\033[?1049l"},
	{"hidden cursor", "\033[?25l", "\033[?25h"},
	{"application keypad", "\033[?1h", "\033[?1l"},
	{"mouse reporting", "\033[?1006;1000h", "\033[?1006;1000l"},
	{"bracketed paste", "\033[?2004h", "\033[?2004l"},
};

static char *fayan_path(void)
{
	const char *bin = getenv("FAYAN");

	return strdup(bin && *bin ? bin : "build/fayan");
}

static void sleep_ms(int ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/* The last occurrence of `s` in log[0..end), or NULL. */
static const char *last_in(const char *log, const char *end, const char *s)
{
	const char *last = NULL;

	for (const char *p = log; (p = strstr(p, s)) && p < end; p++)
		last = p;
	return last;
}

/* Whether mode i is on at the end of log[0..end): turned on after it was last
 * turned off. */
static bool mode_on(const char *log, const char *end, size_t i)
{
	const char *on = last_in(log, end, modes[i].on), *off = last_in(log, end, modes[i].off);

	return on && (!off || on > off);
}

/* Fail unless every mode is `on` at the end of log[0..end). */
static void assert_modes(const char *log, const char *end, bool on, const char *when)
{
	for (size_t i = 0; i < sizeof modes / sizeof modes[0]; i++)
		if (mode_on(log, end, i) != on)
			fail_msg("%s: %s is %s", when, modes[i].name, on ? "off" : "still on");
}

/* Paste text as a terminal does: bracketed only while the program has
 * bracketed paste on. */
static void paste(struct term *t, const char *text)
{
	size_t len;
	const char *log = term_log(t, &len);
	char buf[256];

	if (mode_on(log, log + len, 4))
		snprintf(buf, sizeof buf, "\033[200~%s\033[201~", text);
	else
		snprintf(buf, sizeof buf, "%s", text);
	term_raw(t, buf, strlen(buf));
}

/* Start `script` under sh with the browser's path as $0. */
static struct term *start_shell(const char *script)
{
	char *bin = fayan_path();
	const char *const argv[] = {"/bin/sh", "-c", script, bin, NULL};
	struct term_opts o = {.cols = COLS, .rows = ROWS, .argv = argv};
	struct term *t = term_spawn_opts(&o);

	free(bin);
	assert_non_null(t);
	if (!term_wait_for(t, "/10 ", 5000))
		fail_msg("the browser did not start");
	term_wait_quiet(t, 0);
	return t;
}

/* Ctrl-Z gives the terminal back as it was (paste, mouse, keypad, cursor,
 * screen); fg sets every mode again, so a pasted q is text, not a quit. */
static void test_suspend_resume_modes(void **state)
{
	struct term *t = start_shell("set -m; \"$0\"; printf 'STOPPED\\n\\033[?2004l'; read x; fg >/dev/null;"
				     " echo \"SHELL-DONE $?\"; sleep 5");
	const char *log, *mark;
	size_t len;
	int off_at;

	(void)state;
	term_ctrl(t, 'z');
	assert_true(term_wait_for(t, "STOPPED", 3000));
	log = term_log(t, &len);
	mark = strstr(log, "STOPPED");
	assert_non_null(mark);
	assert_modes(log, mark, false, "stopped");
	off_at = (int)(mark - log);
	term_key(t, VTERM_KEY_ENTER);
	assert_true(term_wait_for(t, "/10 ", 3000));
	term_wait_quiet(t, 0);
	log = term_log(t, &len);
	assert_true(term_altscreen(t));
	assert_false(term_cursor_visible(t));
	assert_modes(log + off_at, log + len, true, "after fg");
	/* A paste of "q": a search for q, not the end of the browser. */
	paste(t, "q");
	assert_true(term_wait_for(t, "/q", 2000));
	assert_int_equal(term_find(t, "SHELL-DONE"), -1);
	term_key(t, VTERM_KEY_ESCAPE);
	term_wait_quiet(t, 0);
	term_send(t, "q");
	assert_true(term_wait_for(t, "SHELL-DONE 0", 3000));
	term_free(t);
}

/* The state letter of process pid (R, S, T, ...), from /proc; 0 if unknown. */
static char proc_state(pid_t pid)
{
	char path[64], buf[512], *close;
	FILE *f;
	size_t n;

	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	if (!(f = fopen(path, "r")))
		return 0;
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	close = strrchr(buf, ')'); /* after the command's name, which may hold anything */
	return close && close[1] == ' ' ? close[2] : 0;
}

/* SIGSTOP cannot be caught: a browser stopped so (kill -STOP, a debugger)
 * and continued finds the terminal as whoever ran meanwhile left it, here
 * off the alternate screen with its modes off and text over the rows. On
 * SIGCONT it sets every mode again and paints the whole screen, at the
 * place it was, and goes on taking keys. */
static void test_stop_cont(void **state)
{
	static const char shell[] = "\033[?1049l\033[?2004l\033[?1006;1000l\033[?1l\033[?25h\033[2J\033[HSHELL WAS HERE";
	struct term *t = term_spawn(COLS, ROWS, TERM_ARGV("fayan"), NULL);
	const char *log;
	size_t len;
	char before[256];
	int st = -1;

	(void)state;
	assert_non_null(t);
	assert_true(term_wait_for(t, "/10 ", 5000));
	term_send(t, "3");
	assert_true(term_wait_for(t, " 3/10 ", 3000));
	term_wait_quiet(t, 100);
	snprintf(before, sizeof before, "%s", term_row(t, STATUS));
	term_signal(t, SIGSTOP);
	sleep_ms(100);
	assert_int_equal(proc_state(term_pid(t)), 'T');
	term_show(t, shell, sizeof shell - 1);
	assert_true(term_wait_for(t, "SHELL WAS HERE", 1000));
	term_log_clear(t);
	term_signal(t, SIGCONT);
	assert_true(term_wait_for(t, " 3/10 ", 3000));
	term_wait_quiet(t, 100);
	log = term_log(t, &len);
	assert_modes(log, log + len, true, "after SIGCONT");
	assert_true(term_altscreen(t));
	assert_false(term_cursor_visible(t));
	assert_int_equal(term_find(t, "SHELL WAS HERE"), -1);
	assert_string_equal(term_row(t, STATUS), before);
	/* The speaker pane is painted again too, not only the rows that changed. */
	assert_true(term_find(t, "马东亮") >= 0);
	term_send(t, "4");
	assert_true(term_wait_for(t, " 4/10 ", 3000));
	term_send(t, "q");
	assert_true(term_wait_exit(t, 3000, &st));
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	term_free(t);
}

/* Read output until the log holds `bytes`; false after `ms`. */
static bool wait_log(struct term *t, const char *bytes, int ms)
{
	for (int waited = 0; waited < ms; waited += 5) {
		term_pump(t);
		if (term_log_has(t, bytes))
			return true;
		sleep_ms(5);
	}
	return false;
}

/* Stopped and continued again and again (the shell runs fg at once) with
 * no key between: a resume is no error, and the browser is still there
 * after 105 of them. */
static void test_many_resumes(void **state)
{
	struct term *t = start_shell("set -m; \"$0\"; while :; do fg >/dev/null; [ $? = 148 ] || break; done;"
					     " echo SHELL-DONE; sleep 5");

	(void)state;
	for (int i = 0; i < 105; i++) {
		term_log_clear(t);
		term_ctrl(t, 'z');
		if (!wait_log(t, "\033[?1049h", 3000))
			fail_msg("round %d: not back after fg", i);
		term_wait_quiet(t, 20);
		if (term_find(t, "SHELL-DONE") >= 0)
			fail_msg("the browser quit by itself after %d resumes", i + 1);
	}
	term_wait_quiet(t, 0);
	assert_int_equal(term_find(t, "SHELL-DONE"), -1);
	term_send(t, "3");
	assert_true(term_wait_for(t, "3/10 段祥生", 2000));
	term_send(t, "q");
	assert_true(term_wait_for(t, "SHELL-DONE", 3000));
	term_free(t);
}

/* Start the browser itself (a session leader: stops are not for it). */
static struct term *start(void)
{
	struct term *t = term_spawn(COLS, ROWS, NULL, NULL);

	assert_non_null(t);
	if (!term_wait_for(t, "/10 ", 5000))
		fail_msg("the browser did not start");
	term_wait_quiet(t, 0);
	return t;
}

/* Type a '|' command and press Enter. */
static void pipe_to(struct term *t, const char *command)
{
	term_send(t, "|");
	term_wait_quiet(t, 0);
	term_send(t, command);
	term_wait_quiet(t, 0);
	term_key(t, VTERM_KEY_ENTER);
}

/* Ctrl-\ (SIGQUIT) ends the browser as SIGINT does: the terminal given back
 * with every mode off, status 128 + 3. */
static void test_sigquit_restores(void **state)
{
	struct term *t = start();
	const char *log;
	size_t len;
	int st = -1;

	(void)state;
	term_ctrl(t, '\\');
	assert_true(term_wait_exit(t, 3000, &st));
	if (!WIFEXITED(st))
		fail_msg("killed by signal %d instead of exiting with 131", WIFSIGNALED(st) ? WTERMSIG(st) : -1);
	assert_int_equal(WEXITSTATUS(st), 128 + SIGQUIT);
	log = term_log(t, &len);
	assert_modes(log, log + len, false, "after Ctrl-\\");
	assert_false(term_altscreen(t));
	assert_true(term_cursor_visible(t));
	term_free(t);
}

/* SIGTERM or SIGHUP while a '|' command runs end the browser at once, the
 * terminal given back, and the command gets the same signal. */
static void test_signal_during_pipe(void **state)
{
	static const int sigs[] = {SIGTERM, SIGHUP};

	(void)state;
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
		struct term *t = start();
		char got[512], cmd[512];
		const char *log;
		size_t len;
		int st = -1;
		FILE *f = NULL;

		snprintf(got, sizeof got, "%s/home/got", term_dir(t));
		snprintf(cmd, sizeof cmd, "trap 'echo GOT >\"$HOME/got\"; exit 1' %s; echo CHILD-RUNS; sleep 30 & wait",
			 sigs[i] == SIGTERM ? "TERM" : "HUP");
		pipe_to(t, cmd);
		assert_true(term_wait_for(t, "CHILD-RUNS", 3000));
		term_wait_quiet(t, 0);
		term_signal(t, sigs[i]);
		if (!term_wait_exit(t, 1000, &st))
			fail_msg("signal %d during a '|' command: the browser did not end within 1 s", sigs[i]);
		assert_true(WIFEXITED(st));
		assert_int_equal(WEXITSTATUS(st), 128 + sigs[i]);
		log = term_log(t, &len);
		assert_modes(log, log + len, false, "after the signal");
		assert_false(term_altscreen(t));
		assert_true(term_cursor_visible(t));
		for (int w = 0; w < 200 && !(f = fopen(got, "r")); w++)
			sleep_ms(10);
		if (!f)
			fail_msg("the '|' command did not get signal %d", sigs[i]);
		fclose(f);
		term_free(t);
	}
}

/* Ctrl-Z and fg while a '|' command has the terminal: the browser draws
 * nothing over it, and after the browser ends its frame is not left on the
 * shell's screen. */
static void test_stop_during_pipe(void **state)
{
	struct term *t = start_shell("set -m; \"$0\"; while :; do fg >/dev/null; [ $? = 148 ] || break; done;"
				     " echo SHELL-DONE; sleep 5");
	const char *log;
	size_t len;

	(void)state;
	pipe_to(t, "echo CHILD-SCREEN; sleep 1");
	assert_true(term_wait_for(t, "CHILD-SCREEN", 3000));
	term_wait_quiet(t, 0);
	term_log_clear(t);
	term_ctrl(t, 'z');
	assert_true(term_wait_for(t, "Press Enter to continue", 4000));
	log = term_log(t, &len);
	if (strstr(log, "\033[?1049h") || term_find(t, "? help") >= 0)
		fail_msg("the browser drew while the command had the terminal:\n%s", term_screen(t));
	assert_true(term_find(t, "CHILD-SCREEN") >= 0);
	term_key(t, VTERM_KEY_ENTER);
	assert_true(term_wait_for(t, "exit status 0", 3000));
	term_send(t, "q");
	assert_true(term_wait_for(t, "SHELL-DONE", 3000));
	assert_false(term_altscreen(t));
	if (term_find(t, "? help") >= 0)
		fail_msg("the browser's frame is left on the shell's screen:\n%s", term_screen(t));
	term_free(t);
}

/* What a '|' command gets: stdin, stdout and stderr and no other descriptor,
 * and its output reaches the terminal, also when the browser was started
 * with standard input closed. */
static void test_pipe_descriptors(void **state)
{
	static const char *const scripts[] = {"exec \"$0\"", "exec \"$0\" <&-"};

	(void)state;
	for (size_t i = 0; i < sizeof scripts / sizeof scripts[0]; i++) {
		struct term *t = start_shell(scripts[i]);

		pipe_to(t, "echo FDS $(ls /proc/self/fd) END");
		assert_true(term_wait_for(t, "Press Enter to continue", 3000));
		if (term_find(t, "FDS 0 1 2 3 END") < 0)
			fail_msg("%s: the command did not print its descriptors 0 1 2 3:\n%s", scripts[i],
				 term_screen(t));
		term_key(t, VTERM_KEY_ENTER);
		assert_true(term_wait_for(t, "exit status 0", 3000));
		assert_int_equal(term_quit(t), 0);
	}
}

E2E_GROUP(signals)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_suspend_resume_modes),
		cmocka_unit_test(test_many_resumes),
		cmocka_unit_test(test_sigquit_restores),
		cmocka_unit_test(test_stop_cont),
		cmocka_unit_test(test_signal_during_pipe),
		cmocka_unit_test(test_stop_during_pipe),
		cmocka_unit_test(test_pipe_descriptors),
	};

	return cmocka_run_group_tests_name("signals", tests, NULL, NULL);
}
