package oneshot_test

import (
	"os"
	"os/exec"
	"testing"
)

// TestContinueKeepsHistoryAndSystemPrompt: -c sends the saved conversation
// as history, with the system prompt it was started with, and nothing else.
func TestContinueKeepsHistoryAndSystemPrompt(t *testing.T) {
	srv := newFake(t, sse(content("noted")+stop))
	home := t.TempDir()
	run := func(args ...string) {
		t.Helper()
		cmd := exec.Command(binary, append([]string{"--base-url", srv.URL + "/v1"}, args...)...)
		cmd.Env = []string{"HOME=" + home, "XDG_CONFIG_HOME=" + home + "/config", "XDG_DATA_HOME=" + home + "/data",
			"NO_COLOR=1", "PATH=" + os.Getenv("PATH")}
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("lockchat %v: %v\n%s", args, err, out)
		}
	}
	run("--system", "be terse", "-p", "first")
	<-srv.got
	run("-c", "-p", "second")
	req := <-srv.got
	want := []struct{ role, content string }{
		{"system", "be terse"}, {"user", "first"}, {"assistant", "noted"}, {"user", "second"},
	}
	if len(req.Messages) != len(want) {
		t.Fatalf("messages %+v, want %+v", req.Messages, want)
	}
	for i, w := range want {
		if req.Messages[i].Role != w.role || req.Messages[i].Content != w.content {
			t.Errorf("message %d = %+v, want %+v", i, req.Messages[i], w)
		}
	}
}
