package main

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/lockchat/lockchat/client/clienttest"
)

// isolate points every directory lockchat reads or writes into a
// temporary one and clears the variables that would change its settings.
func isolate(t *testing.T) string {
	t.Helper()
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", home+"/config")
	t.Setenv("XDG_DATA_HOME", home+"/data")
	t.Setenv("NO_COLOR", "1")
	for _, v := range []string{"LOCKCHAT_PROVIDER", "LOCKCHAT_BASE_URL", "LOCKCHAT_MODEL", "LOCKCHAT_API_KEY", "OPENAI_API_KEY"} {
		t.Setenv(v, "")
	}
	return home
}

// result is one call of run.
type result struct {
	code           int
	stdout, stderr string
}

// runArgs calls run as the command line would, with stdin as a pipe's
// content (never a terminal).
func runArgs(stdin string, args ...string) result {
	var out, errb bytes.Buffer
	code := run(args, io.Reader(strings.NewReader(stdin)), &out, &errb)
	return result{code, out.String(), errb.String()}
}

// TestUsageErrors: each mistake is one sentence on stderr, exit status 2,
// nothing on stdout and no request sent.
func TestUsageErrors(t *testing.T) {
	isolate(t)
	srv := clienttest.Start(t)
	base := []string{"--base-url", srv.URL}
	cases := []struct {
		name  string
		stdin string
		args  []string
		want  string
	}{
		{"unknown flag", "", []string{"-p", "x", "--nope"}, "unknown flag: --nope"},
		{"temperature out of range", "", []string{"-p", "x", "-t", "5"}, "--temperature 5 is out of range: use a value from 0 to 2"},
		{"temperature not a number", "", []string{"-p", "x", "-t", "hot"}, `invalid argument "hot" for "-t, --temperature" flag: not a number`},
		{"retries out of range", "", []string{"-p", "x", "--max-retries", "99"}, "--max-retries 99 is out of range: use 0 to 20"},
		{"negative timeout", "", []string{"-p", "x", "--timeout", "-1s"}, "--timeout -1s must not be negative"},
		{"no-save with continue", "", []string{"-p", "x", "--no-save", "-c"}, "--no-save and --continue can't be used together"},
		{"no prompt on a pipe", "", nil, "no prompt: give one with -p PROMPT or on standard input"},
		{"blank prompt on a pipe", " \n\t\n", nil, "no prompt: give one with -p PROMPT or on standard input"},
		{"blank -p", "", []string{"-p", "  "}, "no prompt: give one with -p PROMPT or on standard input"},
		{"stray argument", "", []string{"-p", "x", "extra"}, `unknown command "extra" for "lockchat"`},
		{"unknown provider", "", []string{"-p", "x", "--provider", "nope"}, `unknown provider "nope"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := runArgs(c.stdin, append(append([]string(nil), base...), c.args...)...)
			if r.code != 2 || r.stdout != "" {
				t.Errorf("exit %d, stdout %q, stderr %q; want 2 and nothing on stdout", r.code, r.stdout, r.stderr)
			}
			if !strings.HasPrefix(r.stderr, "lockchat: ") || !strings.Contains(r.stderr, c.want) || strings.Count(r.stderr, "\n") != 1 {
				t.Errorf("stderr %q, want the one sentence %q", r.stderr, c.want)
			}
		})
	}
	if n := srv.RequestCount(); n != 0 {
		t.Errorf("%d requests were sent for usage errors", n)
	}
}

// TestExportFormatIsAUsageError: the store's format check is the only one,
// and it is reported as a usage error.
func TestExportFormatIsAUsageError(t *testing.T) {
	isolate(t)
	r := runArgs("", "export", "--format", "html")
	if r.code != 2 || !strings.Contains(r.stderr, `unknown export format "html"; use md or json`) {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestOneShotThroughRun: a prompt on a pipe is sent and the reply printed.
func TestOneShotThroughRun(t *testing.T) {
	isolate(t)
	srv := clienttest.Start(t, clienttest.WithReply(clienttest.Reply("pong")))
	r := runArgs("ping\n", "--base-url", srv.URL, "-m", "m")
	if r.code != 0 || r.stdout != "pong\n" || r.stderr != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	if got := srv.ChatRequests()[0].LastUser(); got != "ping" {
		t.Errorf("sent %q", got)
	}
}
