package oneshot_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// binary is the lockchat executable built once for these tests.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "lockchat-cli")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "lockchat")
	out, err := exec.Command("go", "build", "-o", binary, "github.com/lockchat/lockchat").CombinedOutput()
	if err != nil {
		fmt.Fprintf(os.Stderr, "building lockchat: %v\n%s", err, out)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// wireRequest is what the server received.
type wireRequest struct {
	Model       string  `json:"model"`
	Temperature float64 `json:"temperature"`
	Stream      bool    `json:"stream"`
	Messages    []struct {
		Role    string `json:"role"`
		Content string `json:"content"`
	} `json:"messages"`
}

// fakeServer answers every chat request with handler and records the
// requests in order.
type fakeServer struct {
	*httptest.Server
	got chan wireRequest
}

func newFake(t *testing.T, handler func(w http.ResponseWriter, r *http.Request)) *fakeServer {
	t.Helper()
	f := &fakeServer{got: make(chan wireRequest, 16)}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req wireRequest
		if err := json.NewDecoder(r.Body).Decode(&req); err == nil {
			f.got <- req
		}
		handler(w, r)
	}))
	t.Cleanup(f.Close)
	return f
}

// sse answers with body as an event stream.
func sse(body string) func(http.ResponseWriter, *http.Request) {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		io.WriteString(w, body)
	}
}

func content(s string) string {
	b, _ := json.Marshal(s)
	return `data: {"choices":[{"index":0,"delta":{"content":` + string(b) + `},"finish_reason":null}]}` + "\n\n"
}

const stop = `data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}` + "\n\ndata: [DONE]\n\n"

// run is one execution of the binary.
type run struct {
	stdout, stderr string
	code           int
}

// lockchat runs the binary with a clean environment, against base.
func lockchat(t *testing.T, base, stdin string, args ...string) run {
	t.Helper()
	cmd := command(t, base, stdin, args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return run{out.String(), errb.String(), code}
}

func command(t *testing.T, base, stdin string, args ...string) *exec.Cmd {
	t.Helper()
	home := t.TempDir()
	if base != "" {
		args = append([]string{"--base-url", base + "/v1", "--no-save"}, args...)
	}
	cmd := exec.Command(binary, args...)
	cmd.Env = []string{"HOME=" + home, "XDG_CONFIG_HOME=" + home + "/config", "XDG_DATA_HOME=" + home + "/data",
		"XDG_STATE_HOME=" + home + "/state", "XDG_CACHE_HOME=" + home + "/cache", "NO_COLOR=1", "PATH=" + os.Getenv("PATH")}
	cmd.Stdin = strings.NewReader(stdin)
	return cmd
}

func checkStderr(t *testing.T, r run) {
	t.Helper()
	if strings.ContainsAny(r.stderr, "\x1b\u009b\u202e") {
		t.Errorf("stderr holds control characters: %q", r.stderr)
	}
	if n := strings.Count(strings.TrimRight(r.stderr, "\n"), "\n"); n > 0 {
		t.Errorf("stderr has %d lines, want one sentence: %q", n+1, r.stderr)
	}
}

// TestPipedOutputIsExact: the reply's bytes, control characters included,
// and at most one added newline.
func TestPipedOutputIsExact(t *testing.T) {
	cases := []struct{ reply, want string }{
		{"Hello, world", "Hello, world\n"},
		{"ends with newline\n", "ends with newline\n"},
		{"two\n\n", "two\n\n"},
		{"ctl \x1b[31mred\x1b[0m \x07 \u202e tab\t", "ctl \x1b[31mred\x1b[0m \x07 \u202e tab\t\n"},
		{"", ""},
	}
	for _, c := range cases {
		f := newFake(t, sse(content(c.reply[:len(c.reply)/2])+content(c.reply[len(c.reply)/2:])+stop))
		r := lockchat(t, f.URL, "", "-p", "hi")
		if r.code != 0 || r.stdout != c.want {
			t.Errorf("reply %q: exit %d, stdout %q (stderr %q); want 0, %q", c.reply, r.code, r.stdout, r.stderr, c.want)
		}
	}
}

// TestPromptSources: -p, stdin, both, and empty stdin.
func TestPromptSources(t *testing.T) {
	cases := []struct {
		name, stdin string
		args        []string
		want        string
	}{
		{"flag", "", []string{"-p", "from flag"}, "from flag"},
		{"stdin", "from stdin\n", nil, "from stdin"},
		{"both", "piped text\n", []string{"-p", "Review this"}, "Review this\n\npiped text"},
		{"empty stdin ignored", "", []string{"-p", "only flag"}, "only flag"},
		{"blank stdin ignored", "\n\n", []string{"-p", "only flag"}, "only flag"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFake(t, sse(content("ok")+stop))
			r := lockchat(t, f.URL, c.stdin, c.args...)
			if r.code != 0 {
				t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
			}
			req := <-f.got
			if len(req.Messages) != 1 || req.Messages[0].Role != "user" || req.Messages[0].Content != c.want {
				t.Errorf("messages = %+v, want exactly the user prompt %q", req.Messages, c.want)
			}
		})
	}
}

// TestRequestFields: --system adds a system message; temperature, model and
// stream are sent.
func TestRequestFields(t *testing.T) {
	f := newFake(t, sse(content("ok")+stop))
	r := lockchat(t, f.URL, "", "-p", "q", "--system", "be brief", "-t", "0.25", "-m", "gpt-x")
	if r.code != 0 {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	req := <-f.got
	if len(req.Messages) != 2 || req.Messages[0].Role != "system" || req.Messages[0].Content != "be brief" || req.Messages[1].Content != "q" {
		t.Errorf("messages = %+v", req.Messages)
	}
	if req.Temperature != 0.25 || req.Model != "gpt-x" || !req.Stream {
		t.Errorf("request = %+v", req)
	}
	r = lockchat(t, f.URL, "", "-p", "q", "--temperature=0")
	if req := <-f.got; r.code != 0 || req.Temperature != 0 {
		t.Errorf("--temperature=0: exit %d, sent %v", r.code, req.Temperature)
	}
	r = lockchat(t, f.URL, "", "-p", "q")
	if req := <-f.got; r.code != 0 || req.Temperature != 0.7 || req.Model != "gpt-4" {
		t.Errorf("defaults: exit %d, sent temperature %v model %q", r.code, req.Temperature, req.Model)
	}
}

// TestFailureExitsOne: the text that arrived is on stdout, one sanitised
// sentence on stderr, exit status 1.
func TestFailureExitsOne(t *testing.T) {
	hostile := `{"error":{"message":"bad \u001b]52;c;aGk=\u0007 \u001b[2J key\u202e gone\nsecond line"}}`
	cases := []struct {
		name    string
		handler func(http.ResponseWriter, *http.Request)
		stdout  string
		stderr  string
	}{
		{"truncated", sse(content("partial answer")), "partial answer\n", "cut off"},
		{"stream error", sse(content("part") + `data: {"error":{"message":"Upstream overloaded"}}` + "\n\n"), "part\n", "Upstream overloaded"},
		{"http error", func(w http.ResponseWriter, _ *http.Request) {
			w.WriteHeader(401)
			io.WriteString(w, `{"error":{"message":"Incorrect API key provided.","code":"invalid_api_key"}}`)
		}, "", "Incorrect API key"},
		{"hostile error", func(w http.ResponseWriter, _ *http.Request) {
			w.WriteHeader(400)
			io.WriteString(w, hostile)
		}, "", "gone"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFake(t, c.handler)
			r := lockchat(t, f.URL, "", "-p", "hi", "--max-retries", "0")
			if r.code != 1 || r.stdout != c.stdout || !strings.Contains(r.stderr, c.stderr) {
				t.Errorf("exit %d, stdout %q, stderr %q; want 1, %q, ...%q...", r.code, r.stdout, r.stderr, c.stdout, c.stderr)
			}
			checkStderr(t, r)
		})
	}
}

// TestUsageExitsTwo: bad flags and values, no prompt, a bad config file.
func TestUsageExitsTwo(t *testing.T) {
	dir := t.TempDir()
	badConfig := filepath.Join(dir, "bad.toml")
	os.WriteFile(badConfig, []byte("model = \"m\"\ntemperature = = 2\n"), 0o600)
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"unknown flag", []string{"-p", "x", "--nope"}, "nope"},
		{"temperature out of range", []string{"-p", "x", "-t", "5"}, "temperature"},
		{"temperature not a number", []string{"-p", "x", "-t", "hot"}, "temperature"},
		{"bad timeout", []string{"-p", "x", "--timeout", "abc"}, "timeout"},
		{"bad retries", []string{"-p", "x", "--max-retries", "-2"}, "max-retries"},
		{"no prompt", []string{"-p", ""}, "prompt"},
		{"bad config", []string{"-p", "x", "--config", badConfig}, badConfig + ", line 2"},
		{"missing config", []string{"-p", "x", "--config", filepath.Join(dir, "none.toml")}, "none.toml"},
		{"unknown provider", []string{"-p", "x", "--provider", "nope"}, "unknown provider"},
		{"stray argument", []string{"-p", "x", "extra"}, "extra"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := lockchat(t, "", "", c.args...)
			if r.code != 2 || !strings.Contains(r.stderr, c.want) || r.stdout != "" {
				t.Errorf("exit %d, stdout %q, stderr %q; want 2 and %q", r.code, r.stdout, r.stderr, c.want)
			}
		})
	}
}

// TestRetryNotice: a retried failure is announced on stderr and the reply
// still arrives.
func TestRetryNotice(t *testing.T) {
	n := 0
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		n++
		if n == 1 {
			w.Header().Set("Content-Type", "application/json")
			io.WriteString(w, "{\"error\":{\"message\":\"The model: `gpt-4` does not exist\"}}")
			return
		}
		sse(content("second try")+stop)(w, r)
	})
	r := lockchat(t, f.URL, "", "-p", "hi")
	if r.code != 0 || r.stdout != "second try\n" || !strings.Contains(r.stderr, "attempt 2 of 4") {
		t.Errorf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	if len(f.got) != 2 {
		t.Errorf("requests = %d, want 2", len(f.got))
	}
}

// TestInterruptExits130: SIGINT while the server stalls cancels the
// request and exits 130 promptly, with the text so far on stdout.
func TestInterruptExits130(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		io.WriteString(w, content("so far"))
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	})
	cmd := command(t, f.URL, "", "-p", "hi")
	var errb bytes.Buffer
	cmd.Stderr = &errb
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// The text so far reaching stdout is the sign the request is streaming.
	seen, out := make(chan struct{}), make(chan string, 1)
	go func() {
		var got []byte
		buf := make([]byte, 256)
		for {
			n, err := stdout.Read(buf)
			before := bytes.Contains(got, []byte("so far"))
			got = append(got, buf[:n]...)
			if !before && bytes.Contains(got, []byte("so far")) {
				close(seen)
			}
			if err != nil {
				out <- string(got)
				return
			}
		}
	}()
	select {
	case <-seen:
	case <-time.After(20 * time.Second):
		cmd.Process.Kill()
		t.Fatal("the reply never started")
	}
	cmd.Process.Signal(syscall.SIGINT)
	// Wait only after stdout reached EOF, as exec requires.
	exited, final := make(chan struct{}), ""
	go func() { final = <-out; cmd.Wait(); close(exited) }()
	select {
	case <-exited:
	case <-time.After(5 * time.Second):
		cmd.Process.Kill()
		<-exited
		t.Fatal("lockchat did not exit within 5s of SIGINT")
	}
	if code := cmd.ProcessState.ExitCode(); code != 130 {
		t.Errorf("exit %d, stderr %q; want 130", code, errb.String())
	}
	if !strings.HasPrefix(final, "so far") {
		t.Errorf("stdout %q, want the text so far", final)
	}
}
