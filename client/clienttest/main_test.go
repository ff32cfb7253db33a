package clienttest

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
)

// startMain runs run with -print-url -stdin and the given flags, and returns
// the printed URL and a function that ends the server by closing its stdin
// and returns the exit code.
func startMain(t *testing.T, args ...string) (string, func() int) {
	t.Helper()
	stdinR, stdinW := io.Pipe()
	stdoutR, stdoutW := io.Pipe()
	var stderr strings.Builder
	code := make(chan int, 1)
	go func() {
		code <- run(context.Background(), append([]string{"-print-url", "-stdin"}, args...), stdinR, stdoutW, &stderr)
		stdoutW.Close()
	}()
	line, err := bufio.NewReader(stdoutR).ReadString('\n')
	if err != nil {
		t.Fatalf("no URL printed: %v", err)
	}
	return strings.TrimSpace(line), func() int {
		stdinW.Close()
		c := <-code
		stdinR.Close()
		return c
	}
}

func TestMainServes(t *testing.T) {
	url, stop := startMain(t, "-text", "hello there", "-tokens", "3", "-fault", "crlf,no-done", "-models", "a,b")
	s := &Server{URL: url}
	resp := post(t, s, "")
	body := string(readAll(t, resp))
	if !strings.Contains(body, "\r\n\r\n") || strings.Contains(body, "[DONE]") {
		t.Errorf("body %q", body)
	}
	if p := parse(t, []byte(body)); strings.Join(p.contents, "") != "hello there" || p.contents[0] != "hel" {
		t.Errorf("contents %q", p.contents)
	}
	mresp, err := client(t).Get(url + "/models")
	if err != nil {
		t.Fatal(err)
	}
	if m := string(readAll(t, mresp)); !strings.Contains(m, `"id":"a"`) || !strings.Contains(m, `"id":"b"`) {
		t.Errorf("models %q", m)
	}
	if code := stop(); code != 0 {
		t.Errorf("exit code %d", code)
	}
}

func TestMainModelMissingThenStall(t *testing.T) {
	url, stop := startMain(t, "-fault", "model-missing:1,stall:2", "-text", "abcdefgh", "-tokens", "2")
	s := &Server{URL: url}
	if resp := post(t, s, ""); resp.StatusCode != http.StatusNotFound {
		t.Errorf("first request: %d", resp.StatusCode)
		resp.Body.Close()
	} else {
		readAll(t, resp)
	}
	resp := post(t, s, "")
	defer resp.Body.Close()
	br := bufio.NewReader(resp.Body)
	var got []string
	for len(got) < 6 { // role, "ab", "cd": three events of two lines
		line, err := br.ReadString('\n')
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, line)
	}
	if !strings.Contains(got[4], `"content":"cd"`) {
		t.Errorf("events %q", got)
	}
	if code := stop(); code != 0 {
		t.Errorf("exit code %d", code)
	}
	if _, err := io.ReadAll(br); err == nil {
		t.Error("stalled stream ended cleanly when the server stopped")
	}
}

func TestScriptFromFlags(t *testing.T) {
	rec := &Recorded{Chat: ChatRequest{Model: "m"}}
	for _, tc := range []struct {
		faults string
		check  func(Response) bool
	}{
		{"", func(r Response) bool { return len(r.Events) > 3 && strings.Contains(r.Events[1].Data, `"model":"m"`) }},
		{"drop:10", func(r Response) bool { return r.DropAfter == 10 }},
		{"hangup", func(r Response) bool { return r.Hangup && !r.Reset }},
		{"reset", func(r Response) bool { return r.Hangup && r.Reset }},
		{"slow-headers:1s", func(r Response) bool { return r.HeaderDelay > 0 }},
		{"keepalive:1s", func(r Response) bool { return r.Stall && r.KeepAlive > 0 && len(r.Events) == 0 }},
		{"429:7", func(r Response) bool { return r.Status == 429 && r.RetryAfter == "7" }},
		{"503", func(r Response) bool { return r.Status == 503 }},
		{"quota", func(r Response) bool { return strings.Contains(string(r.Body), "insufficient_quota") }},
		{"html502", func(r Response) bool { return r.Status == 502 }},
		{"json-error-200", func(r Response) bool { return r.Status == 200 && len(r.Events) == 0 }},
		{"hostile", func(r Response) bool { return strings.Contains(r.Events[2].Data, `\u001b]52`) }},
		{"hostile-escaped", func(r Response) bool { return strings.Contains(r.Events[7].Data, `\u009b`) }},
		{"hostile-error", func(r Response) bool { return r.Status == 500 }},
		{"cr,split:5", func(r Response) bool { return r.LineEnding == CR && r.SplitWrites == 5 }},
		{"no-role,no-finish", func(r Response) bool { return !strings.Contains(r.Events[0].Data, "role") && len(r.Events) == 11 }},
		{"stall", func(r Response) bool { return r.Stall && len(r.Events) == 1 }},
		{"demo", func(r Response) bool { return len(r.Events) > 20 && r.Events[1].Delay >= 10e6 }},
	} {
		script, _, err := scriptFromFlags(DefaultText, 4, 0, tc.faults)
		if err != nil {
			t.Errorf("%q: %v", tc.faults, err)
			continue
		}
		if r := script(1, rec); !tc.check(r) {
			t.Errorf("%q: unexpected response %+v", tc.faults, r)
		}
	}
	for _, bad := range []string{"nope", "drop", "drop:0", "drop:x", "split:0", "keepalive", "slow-headers:-1s", "model-missing:-2"} {
		if _, _, err := scriptFromFlags("x", 4, 0, bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestMainBadFlags(t *testing.T) {
	var out, errOut strings.Builder
	if code := run(context.Background(), []string{"-fault", "bogus"}, strings.NewReader(""), &out, &errOut); code != 2 {
		t.Errorf("bad fault: exit %d", code)
	}
	if code := run(context.Background(), []string{"extra"}, strings.NewReader(""), &out, &errOut); code != 2 {
		t.Errorf("extra argument: exit %d", code)
	}
	errOut.Reset()
	if code := run(context.Background(), []string{"-h"}, strings.NewReader(""), &out, &errOut); code != 0 ||
		!strings.Contains(errOut.String(), "model-missing:N") {
		t.Errorf("-h: exit %d, %q", code, errOut.String())
	}
}
