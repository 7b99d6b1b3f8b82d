/* tty.c: the terminal the browser draws on: /dev/tty opened for curses (so
 * that stdin and stdout can be redirected), its modes, bracketed paste, the
 * signals that end the browser, and a pipe that wakes the loop on a resize.
 * Named tty rather than term so that its functions are not confused with the
 * test harness's term_* (tests/e2e/harness.h). */
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fayan/i18n.h"
#include "fayan/tty.h"

/* prefault_screens: what the first frame needs on the heap beside ncurses'
 * screens, the largest terminal it bothers with (4 MiB: about 220x70), and
 * glibc's default mmap threshold, set back afterwards. */
#define TTY_PREFAULT_EXTRA (96 * 1024)
#define TTY_PREFAULT_MAX (4 * 1024 * 1024)
#define TTY_MMAP_THRESHOLD (128 * 1024)

/* Set by the signal handler; the loop restores the terminal and exits. */
static volatile sig_atomic_t ui_signal;
/* Set by SIGTSTP and SIGCONT; the loop stops and comes back (tty_resumed). */
static volatile sig_atomic_t ui_stop, ui_cont;
/* SIGTSTP was ignored when we started (a shell without job control): kept so. */
static bool ui_stop_ignored;
/* Whether curses owns the terminal, for the fatal hook. */
static bool ui_active;
/* The terminal's input descriptor and one open on /dev/null, for the handler. */
static volatile int ui_in_fd = -1, ui_null_fd = -1;

/* A pipe that SIGWINCH writes a byte to, so that the loop waits for a key or
 * a resize in one poll() and wakes for nothing else (0% CPU and no wake-ups
 * while idle). ncurses' own handler still runs after ours and makes the next
 * wget_wch return KEY_RESIZE. {-1, -1} when there is no such handler. */
static int ui_wake[2] = {-1, -1};
static struct sigaction ui_old_winch;
/* The size the terminal last reported past TTY_SIZE_MAX (0: none pending). */
static volatile sig_atomic_t ui_big_rows, ui_big_cols;

/* A terminal size past TTY_SIZE_MAX either way: ncurses would allocate its
 * screens for it (3000x3000 cost 740 MB, 20000x20000 more than 2 GB). */
static bool size_too_big(unsigned rows, unsigned cols)
{
	return rows > TTY_SIZE_MAX || cols > TTY_SIZE_MAX;
}

/* A size the terminal reports that is too big is not passed on: ncurses
 * never learns of it and keeps the screen it has, and the loop says so
 * (tty_size_refused). A later usable size is passed on as usual. */
static void on_winch(int sig)
{
	int saved = errno;
	struct winsize ws;

	if (ui_wake[1] >= 0 && write(ui_wake[1], "", 1) < 0) {
		/* Full: a wake-up is already waiting. */
	}
	if (ui_in_fd >= 0 && ioctl(ui_in_fd, TIOCGWINSZ, &ws) == 0 && size_too_big(ws.ws_row, ws.ws_col)) {
		ui_big_rows = ws.ws_row;
		ui_big_cols = ws.ws_col;
	} else {
		ui_big_rows = ui_big_cols = 0;
		ui_old_winch.sa_handler(sig);
	}
	errno = saved;
}

bool tty_size_refused(int *cols, int *rows)
{
	if (!ui_big_rows && !ui_big_cols)
		return false;
	*rows = ui_big_rows;
	*cols = ui_big_cols;
	ui_big_rows = ui_big_cols = 0;
	return true;
}

/* Chain to ncurses' SIGWINCH handler (installed by newterm) through the pipe. */
static void wake_install(void)
{
	struct sigaction old, sa;

	if (sigaction(SIGWINCH, NULL, &old) != 0 || (old.sa_flags & SA_SIGINFO) || old.sa_handler == SIG_DFL ||
	    old.sa_handler == SIG_IGN)
		return;
	if (pipe2(ui_wake, O_CLOEXEC | O_NONBLOCK) != 0) {
		ui_wake[0] = ui_wake[1] = -1;
		return;
	}
	ui_old_winch = old;
	sa = old;
	sa.sa_handler = on_winch;
	sigaction(SIGWINCH, &sa, NULL);
}

static void wake_remove(void)
{
	if (ui_wake[0] < 0)
		return;
	sigaction(SIGWINCH, &ui_old_winch, NULL);
	close(ui_wake[0]);
	close(ui_wake[1]);
	ui_wake[0] = ui_wake[1] = -1;
}

bool tty_wakes(void)
{
	return ui_wake[0] >= 0;
}

/* Empty the wake-up pipe: what woke us has been seen. */
static void wake_drain(void)
{
	char drain[64];

	if (ui_wake[0] >= 0)
		while (read(ui_wake[0], drain, sizeof drain) > 0)
			;
}

bool tty_wait(const struct tty *t, int timeout_ms)
{
	struct pollfd p[2] = {
		{.fd = fileno(t->in), .events = POLLIN},
		{.fd = ui_wake[0], .events = POLLIN},
	};

	if (poll(p, 2, timeout_ms) < 0)
		return true; /* EINTR: the caller looks at the signal flag */
	if (p[1].revents & POLLIN)
		wake_drain();
	return !(p[0].revents & (POLLHUP | POLLERR | POLLNVAL)) || (p[0].revents & POLLIN);
}

/* SIGTSTP and SIGCONT only note the request and wake the loop: it gives the
 * terminal back (and takes it again) between two frames, never in the middle
 * of one, as a handler that called curses would. */
static void on_stop(int sig)
{
	int saved = errno;

	if (sig == SIGTSTP)
		ui_stop = 1;
	else
		ui_cont = 1;
	if (ui_wake[1] >= 0 && write(ui_wake[1], "", 1) < 0) {
		/* Full: a wake-up is already waiting. */
	}
	errno = saved;
}

static void on_signal(int sig)
{
	int saved = errno;

	ui_signal = sig;
	/* A signal that lands between the loop's check and the blocking read
	 * (while drawing, say) would wait for the next key press: make that read
	 * end at once by putting /dev/null where the terminal's input was. */
	if (ui_in_fd >= 0 && ui_null_fd >= 0)
		dup2(ui_null_fd, ui_in_fd);
	errno = saved;
}

/* Bracketed paste (terminfo BE, BD, PS, PE; xterm, tmux and most emulators
 * have them): pasted text arrives marked, so that a paste is never taken
 * for keys (a 'q' in it would quit). Written straight to the terminal
 * (putp would write to stdout), when ncurses has nothing buffered: after a
 * doupdate or endwin, before the next. */
void tty_paste_mode(const struct tty *t, bool on)
{
	const char *cap = tigetstr(on ? "BE" : "BD");

	if (t->out && cap && cap != (char *)-1) {
		fputs(cap, t->out);
		fflush(t->out);
	}
}

/* Set SIGTSTP (unless it was ignored when we started) and SIGCONT to
 * `handler`. Ours (on_stop) is installed before newterm so that ncurses,
 * finding SIGTSTP taken, installs none of its own: its handler redraws from
 * inside the signal, over whatever a '|' command shows, and knows nothing of
 * bracketed paste. */
static void set_stop(void (*handler)(int))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	sigemptyset(&sa.sa_mask);
	if (!ui_stop_ignored)
		sigaction(SIGTSTP, &sa, NULL);
	sigaction(SIGCONT, &sa, NULL);
}

void tty_stop_default(bool dfl)
{
	if (dfl) {
		set_stop(SIG_DFL);
	} else {
		set_stop(on_stop);
		ui_cont = 0; /* continued with the job: nothing to take back */
	}
}

bool tty_resumed(const struct tty *t)
{
	sigset_t tstp;

	if (!ui_stop && !ui_cont)
		return false;
	/* The handler's wake-up byte is for this call: no later wait ends on it. */
	wake_drain();
	/* Leave curses (screen, cursor, keypad, mouse, line modes and paste as
	 * they were before), stop with the rest of the job, and on SIGCONT let
	 * the next doupdate take the terminal again and repaint all of it. A
	 * SIGCONT alone (after a SIGSTOP, which cannot be caught) does the same:
	 * the shell that ran fg may have turned any of the modes off. */
	tty_paste_mode(t, false);
	endwin();
	if (ui_stop) {
		ui_stop = 0;
		set_stop(SIG_DFL);
		sigemptyset(&tstp);
		sigaddset(&tstp, SIGTSTP);
		sigprocmask(SIG_UNBLOCK, &tstp, NULL);
		raise(SIGTSTP);
		set_stop(on_stop);
	}
	ui_cont = 0;
	/* What the shell set while we were stopped is the mode to give back. */
	def_shell_mode();
	tty_paste_mode(t, true);
	return true;
}

static void fatal_restore(void)
{
	if (ui_active) {
		endwin();
		ui_active = false;
	}
}

void tty_close(struct tty *u)
{
	wake_remove();
	ui_in_fd = -1;
	if (ui_null_fd >= 0)
		close(ui_null_fd);
	ui_null_fd = -1;
	if (ui_active) {
		tty_paste_mode(u, false);
		endwin();
		ui_active = false;
	}
	util_set_fatal_hook(NULL);
	set_stop(SIG_DFL);
	if (u->scr) {
		delscreen(u->scr);
		u->scr = NULL;
	}
	if (u->in)
		fclose(u->in);
	if (u->out)
		fclose(u->out);
	u->in = u->out = NULL;
}

/* Fault in, with one call, the heap that newterm is about to fill: its three
 * screens of cells (some 160 KiB at 80x24) are most of what the first frame
 * touches. Page by page that is a fault per 4 KiB, and on the virtual
 * machines our users reach over SSH a fault costs 10 us or more: about a
 * third of the browser's start-up. The block is taken from the top of the
 * heap (not mmap), faulted in, and given back to the heap, not the system,
 * for ncurses to take. Without MADV_POPULATE_WRITE (Linux before 5.14) it
 * does nothing. */
static void prefault_screens(int fd)
{
#ifdef MADV_POPULATE_WRITE
	struct winsize ws;
	long page = sysconf(_SC_PAGESIZE);

	if (ioctl(fd, TIOCGWINSZ, &ws) < 0 || ws.ws_row == 0 || ws.ws_col == 0 || page <= 0)
		return;
	size_t need = 3 * (size_t)ws.ws_row * ws.ws_col * sizeof(cchar_t) + TTY_PREFAULT_EXTRA;

	if (need > TTY_PREFAULT_MAX)
		return;
	mallopt(M_MMAP_THRESHOLD, (int)need * 2);
	mallopt(M_TRIM_THRESHOLD, (int)need * 4);
	char *p = malloc(need);

	if (p) {
		uintptr_t from = ((uintptr_t)p + (uintptr_t)page - 1) & ~((uintptr_t)page - 1);
		uintptr_t to = ((uintptr_t)p + need) & ~((uintptr_t)page - 1);

		if (to > from)
			madvise((void *)from, to - from, MADV_POPULATE_WRITE);
		free(p);
	}
	mallopt(M_MMAP_THRESHOLD, TTY_MMAP_THRESHOLD);
#else
	(void)fd;
#endif
}

static void install_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0; /* no SA_RESTART: the blocking read must return */
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
}

/* The name of LINES or COLUMNS if it is set to more than TTY_SIZE_MAX (read
 * as ncurses reads it: the leading number), else NULL. ncurses takes them
 * over the terminal's own size: 99999999 made newterm fail (as an unknown
 * terminal), and 5000 makes it spend seconds and gigabytes. */
static const char *env_size_unusable(void)
{
	static const char *const vars[] = {"LINES", "COLUMNS"};

	for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		const char *v = getenv(vars[i]);

		if (v && strtol(v, NULL, 10) > TTY_SIZE_MAX)
			return vars[i];
	}
	return NULL;
}

int tty_open(struct tty *u, struct fy_err *err)
{
	const char *term = getenv("TERM"), *size_var;

	if (!term || !term[0] || strcmp(term, "dumb") == 0)
		return err_set(err, _("the terminal (TERM=%s) cannot show the browser; use --print to print sections"),
			       term && term[0] ? term : _("unset"));
	if ((size_var = env_size_unusable()))
		return err_set(err, _("%s=%s is too large a terminal size (at most %d); unset it to use the terminal's own"),
			       size_var, getenv(size_var), TTY_SIZE_MAX);
	/* Close-on-exec: a '|' command gets the terminal as its stdout and
	 * stderr, never these descriptors besides. */
	u->out = fopen("/dev/tty", "we");
	u->in = u->out ? fopen("/dev/tty", "re") : NULL;
	if (!u->in || !u->out) {
		int e = errno;

		if (u->out)
			fclose(u->out);
		u->out = NULL;
		return err_set(err, _("no terminal to browse on (/dev/tty: %s); use --print to print sections"),
			       strerror(e));
	}
	{
		struct winsize ws;

		if (ioctl(fileno(u->out), TIOCGWINSZ, &ws) == 0 && size_too_big(ws.ws_row, ws.ws_col)) {
			fclose(u->in);
			fclose(u->out);
			u->in = u->out = NULL;
			return err_set(err,
				       _("the terminal reports a size of %u columns by %u lines, too large (at most %d "
					 "either way); use --print to print sections"),
				       ws.ws_col, ws.ws_row, TTY_SIZE_MAX);
		}
	}
	prefault_screens(fileno(u->out));
	{
		struct sigaction old;

		ui_stop_ignored = sigaction(SIGTSTP, NULL, &old) == 0 && old.sa_handler == SIG_IGN;
	}
	set_stop(on_stop);
	u->scr = newterm(NULL, u->out, u->in);
	if (!u->scr) {
		set_stop(SIG_DFL);
		fclose(u->in);
		fclose(u->out);
		u->in = u->out = NULL;
		return err_set(err, _("unknown terminal type TERM=%s; use --print to print sections"), term);
	}
	set_term(u->scr);
	ui_active = true;
	ui_null_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	ui_in_fd = fileno(u->in);
	util_set_fatal_hook(fatal_restore);
	if (!getenv("ESCDELAY"))
		set_escdelay(25);
	typeahead(-1);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	wtimeout(stdscr, TTY_TICK_MS);
	leaveok(stdscr, TRUE);
	curs_set(0);
	mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	mouseinterval(0);
	/* ncurses 6 writes out what it has after every cursor movement until the
	 * program has once left curses and come back: some thirty writes for one
	 * frame instead of one or two, each a wake-up of sshd and, with
	 * TCP_NODELAY, often a packet of its own. Leaving and coming back now,
	 * before anything is drawn and before colours are started (coming back
	 * then would reset the terminal's palette), costs about 140 bytes once. */
	endwin();
	doupdate();
	{
		const char *ps = tigetstr("PS"), *pe = tigetstr("PE");

		if (ps && ps != (char *)-1 && pe && pe != (char *)-1) {
			define_key(ps, TTY_KEY_PASTE_BEGIN);
			define_key(pe, TTY_KEY_PASTE_END);
			tty_paste_mode(u, true);
		}
	}
	install_signals();
	wake_install();
	return 0;
}

/* As vim's t_u7: write “ at row 2 column 1 and ask where the cursor went
 * (CSI 6 n). ncurses tracks where it left the terminal's cursor and moves
 * on from there, so the probe starts where ncurses has just put the cursor
 * itself (one doupdate with leaveok off and the cursor at row 2 column 1)
 * and ends by moving it back there. (Not DECSC and DECRC: xterm's alternate
 * screen, ?1049, keeps the cursor of the normal screen in that same slot,
 * and leaving it would then put the cursor in the wrong place.) The answer
 * is CSI 2 ; 2 R for a narrow “ and CSI 2 ; 3 R for a wide one: defined as
 * keys, ncurses reads them whole whenever they come, never as ESC [ 2 ...
 * keys. Row 2, not 1: CSI 1 ; 2 R is also xterm's Shift-F3. The “ is
 * overwritten at once: its row is marked lost and sent again. */
void tty_probe_ambiwidth(const struct tty *u)
{
	static const char probe[] = "\xe2\x80\x9c\033[6n\033[2;1H";

	if (LINES < 2)
		return;
	define_key("\033[2;2R", TTY_KEY_AMBI_NARROW);
	define_key("\033[2;3R", TTY_KEY_AMBI_WIDE);
	leaveok(stdscr, FALSE);
	wmove(stdscr, 1, 0);
	wnoutrefresh(stdscr);
	doupdate();
	leaveok(stdscr, TRUE);
	tty_write_all(fileno(u->out), probe, sizeof probe - 1);
	/* The row as ncurses last composed it, whatever window is on it. */
	wredrawln(newscr, 1, 1);
	doupdate();
}

bool tty_input_pending(const struct tty *u)
{
	struct pollfd p = {.fd = fileno(u->in), .events = POLLIN};

	return poll(&p, 1, 0) > 0 && (p.revents & POLLIN);
}

int tty_caught(void)
{
	return ui_signal;
}

bool tty_write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);

		if (n < 0 && errno == EINTR && !ui_signal)
			continue;
		if (n <= 0)
			return false;
		data += n;
		len -= (size_t)n;
	}
	return true;
}

