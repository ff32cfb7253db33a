package main

import (
	"strings"
	"testing"
)

// TestBadConnectionFlags: a temperature or base URL that can't be one is
// a usage error, exit status 2, before any request.
func TestBadConnectionFlags(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Setenv("LOCKCHAT_BASE_URL", "")
	cases := map[string][]string{
		"out of range": {"-t", "NaN", "-p", "hi", "--no-save"},
		"not a URL":    {"--base-url", "::not a url", "-p", "hi", "--no-save"},
		"ftp":          {"--base-url", "ftp://files.example/v1", "-p", "hi", "--no-save"},
		"models ftp":   {"models", "--base-url", "ftp://files.example/v1"},
	}
	for name, args := range cases {
		var out, errs strings.Builder
		code := run(append(args, "--data-dir", t.TempDir()), strings.NewReader(""), &out, &errs)
		if code != 2 || out.Len() != 0 || strings.Count(strings.TrimSpace(errs.String()), "\n") != 0 || errs.Len() == 0 {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want exit 2 and one line", name, code, out.String(), errs.String())
		}
	}
}
