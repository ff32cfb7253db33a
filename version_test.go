package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strings"
	"testing"
)

func TestDescribeBuild(t *testing.T) {
	vcs := &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "0123456789abcdef0123"}, {Key: "vcs.time", Value: "2026-12-01T08:00:00Z"},
		{Key: "vcs.modified", Value: "true"},
	}}
	for _, c := range []struct {
		version, commit, date string
		info                  *debug.BuildInfo
		want                  string
	}{
		{"1.2.0", "abc1234", "2026-11-30", vcs, "1.2.0 (abc1234, 2026-11-30)"},
		{"dev", "", "", vcs, "dev (0123456789ab, modified, 2026-12-01T08:00:00Z)"},
		{"dev", "", "", &debug.BuildInfo{Main: debug.Module{Version: "v0.4.1"}}, "0.4.1"},
		{"dev", "", "", nil, "dev"},
		{"dev", "", "", &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261201084843-cda18fe1a978+dirty"}}, "dev"},
	} {
		if got := describeBuild(c.version, c.commit, c.date, c.info); got != c.want {
			t.Errorf("describeBuild(%q, %q, %q) = %q, want %q", c.version, c.commit, c.date, got, c.want)
		}
	}
}

// A binary built in this clone with -buildvcs=true names its commit.
func TestVersionOfACloneBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	head, err := exec.Command("git", "rev-parse", "HEAD").Output()
	if err != nil {
		t.Skipf("not a git checkout: %v", err)
	}
	if info, err := os.Stat(".git"); err != nil || !info.IsDir() {
		t.Skip("a linked worktree (.git is a file): the go command records no commit there")
	}
	bin := filepath.Join(t.TempDir(), "lockchat")
	build := exec.Command("go", "build", "-buildvcs=true", "-o", bin, ".")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "--version").Output()
	if err != nil {
		t.Fatal(err)
	}
	want := regexp.MustCompile(`dev \(` + string(head[:12]) + `(, modified)?, \d{4}-\d\d-\d\dT`)
	if !want.MatchString(string(out)) {
		t.Errorf("--version printed %q, want the commit %s", strings.TrimSpace(string(out)), head[:12])
	}
}
