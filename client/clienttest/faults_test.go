package clienttest

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestStreamParts(t *testing.T) {
	for _, tc := range []struct {
		name                 string
		stream               Stream
		roles                int
		finish               string
		done                 bool
		contains, notContain string
	}{
		{"all", Stream{Tokens: []string{"a"}}, 1, "stop", true, `"finish_reason":"stop"`, ""},
		{"no role", Stream{Tokens: []string{"a"}, NoRole: true}, 0, "stop", true, "", `"role"`},
		{"no finish", Stream{Tokens: []string{"a"}, NoFinish: true}, 1, "", true, "", `"stop"`},
		{"no done", Stream{Tokens: []string{"a"}, NoDone: true}, 1, "stop", false, "", "[DONE]"},
		{"length", Stream{Tokens: []string{"a"}, FinishReason: "length", Model: "m"}, 1, "length", true, `"model":"m"`, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := Start(t, WithReply(tc.stream.Response()))
			body := readAll(t, post(t, s, ""))
			p := parse(t, body)
			if p.roles != tc.roles || p.finish != tc.finish || p.done != tc.done || strings.Join(p.contents, "") != "a" {
				t.Errorf("got %+v", p)
			}
			if !strings.Contains(string(body), tc.contains) {
				t.Errorf("body lacks %q", tc.contains)
			}
			if tc.notContain != "" && strings.Contains(string(body), tc.notContain) {
				t.Errorf("body has %q", tc.notContain)
			}
		})
	}
}

func TestLineEndings(t *testing.T) {
	for _, eol := range []LineEnding{LF, CRLF, CR} {
		t.Run(strconv.Quote(string(eol)), func(t *testing.T) {
			r := Reply("x", "y")
			r.LineEnding = eol
			s := Start(t, WithReply(r))
			body := string(readAll(t, post(t, s, "")))
			other := strings.ReplaceAll(body, string(eol), "")
			if strings.ContainsAny(other, "\r\n") {
				t.Errorf("body holds other line endings: %q", body)
			}
			if !strings.HasSuffix(body, "data: [DONE]"+string(eol)+string(eol)) {
				t.Errorf("body ends %q", body[len(body)-20:])
			}
			if p := parse(t, []byte(body)); strings.Join(p.contents, "") != "xy" {
				t.Errorf("contents %q", p.contents)
			}
		})
	}
}

func TestDelayBetweenEvents(t *testing.T) {
	r := Reply("a", "b", "c")
	r.Delay = 20 * time.Millisecond
	s := Start(t, WithReply(r))
	start := time.Now()
	readAll(t, post(t, s, ""))
	// Six events (role, three tokens, finish, DONE), each after the delay.
	if el := time.Since(start); el < 120*time.Millisecond {
		t.Errorf("stream took %v, want at least 120ms", el)
	}
}

// rawExchange sends a chat-completions request on a bare connection and
// returns the response headers and the chunk sizes of its chunked body, as
// written by the server.
func rawExchange(t *testing.T, s *Server) (http.Header, []int, string) {
	t.Helper()
	conn, err := net.Dial("tcp", s.Addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	body := `{"model":"gpt-4"}`
	fmt.Fprintf(conn, "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s", len(body), body)
	br := bufio.NewReader(conn)
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.TransferEncoding) != 1 || resp.TransferEncoding[0] != "chunked" {
		t.Fatalf("transfer encoding %v", resp.TransferEncoding)
	}
	var sizes []int
	var data strings.Builder
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			t.Fatal(err)
		}
		n, err := strconv.ParseInt(strings.TrimSpace(line), 16, 32)
		if err != nil {
			t.Fatalf("chunk size line %q", line)
		}
		if n == 0 {
			return resp.Header, sizes, data.String()
		}
		sizes = append(sizes, int(n))
		buf := make([]byte, n+2)
		if _, err := io.ReadFull(br, buf); err != nil {
			t.Fatal(err)
		}
		data.Write(buf[:n])
	}
}

func TestSplitWrites(t *testing.T) {
	whole := Start(t, WithReply(Reply("héllo", " wörld")))
	want := string(readAll(t, post(t, whole, "")))

	r := Reply("héllo", " wörld")
	r.SplitWrites = 3
	s := Start(t, WithReply(r))
	if got := string(readAll(t, post(t, s, ""))); got != want {
		t.Fatalf("split body differs:\n%q\n%q", got, want)
	}
	// Each piece was flushed alone, so the chunked framing shows it.
	_, sizes, data := rawExchange(t, s)
	if data != want {
		t.Fatalf("raw body differs")
	}
	for _, n := range sizes {
		if n > 3 {
			t.Fatalf("chunk of %d bytes, want at most 3: %v", n, sizes)
		}
	}
	if len(sizes) < len(want)/3 {
		t.Errorf("only %d chunks", len(sizes))
	}
}

func TestEventsFlushedOneByOne(t *testing.T) {
	s := Start(t, WithReply(Reply("a", "b")))
	h, sizes, data := rawExchange(t, s)
	if h.Get("Content-Type") != "text/event-stream" || h.Get("Cache-Control") != "no-cache" {
		t.Errorf("headers %v", h)
	}
	// Role, two tokens, finish, DONE.
	if len(sizes) != 5 || !strings.HasSuffix(data, "data: [DONE]\n\n") {
		t.Errorf("chunks %v", sizes)
	}
}

func TestDropAfter(t *testing.T) {
	full := Reply("one ", "two ", "three")
	whole := Start(t, WithReply(full))
	want := readAll(t, post(t, whole, ""))

	for _, n := range []int{1, 40, 200, len(want) - 1, len(want), len(want) + 100} {
		for _, reset := range []bool{false, true} {
			t.Run(fmt.Sprintf("%d reset=%v", n, reset), func(t *testing.T) {
				r := full.With(func(r *Response) { r.DropAfter, r.Reset = n, reset })
				s := Start(t, WithReply(r))
				resp, err := do(context.Background(), client(t), s, "")
				if err != nil {
					if reset {
						return // the reset overtook the headers
					}
					t.Fatal(err)
				}
				got, err := readAllErr(resp)
				if err == nil {
					t.Fatal("body ended cleanly")
				}
				if !reset && !errors.Is(err, io.ErrUnexpectedEOF) {
					t.Errorf("error %v, want unexpected EOF", err)
				}
				if reset {
					// A reset may discard what was in flight; what arrives
					// is still a prefix.
					if len(got) > min(n, len(want)) || string(got) != string(want[:len(got)]) {
						t.Errorf("got %d bytes, not a prefix of at most %d", len(got), n)
					}
					return
				}
				if wantLen := min(n, len(want)); string(got) != string(want[:wantLen]) {
					t.Errorf("got %d bytes %q, want the first %d", len(got), got, wantLen)
				}
			})
		}
	}
}

func TestHangup(t *testing.T) {
	for _, reset := range []bool{false, true} {
		s := Start(t, WithReply(Response{Hangup: true, Reset: reset}))
		resp, err := do(context.Background(), client(t), s, "")
		if err == nil {
			resp.Body.Close()
			t.Fatalf("reset=%v: got a response, status %d", reset, resp.StatusCode)
		}
	}
}

func TestStallEndsOnClose(t *testing.T) {
	// Some chunks, then nothing: the client has headers and a partial body.
	r := Stream{Tokens: []string{"partial"}, NoFinish: true, NoDone: true}.Response()
	r.Stall = true
	s, err := New(WithReply(r))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	resp := post(t, s, "")
	defer resp.Body.Close()
	br := bufio.NewReader(resp.Body)
	for range 2 { // role chunk and the token, each followed by a blank line
		if _, err := br.ReadString('\n'); err != nil {
			t.Fatal(err)
		}
		if _, err := br.ReadString('\n'); err != nil {
			t.Fatal(err)
		}
	}
	start := time.Now()
	s.Close()
	if _, err := io.ReadAll(br); err == nil {
		t.Error("stalled body ended cleanly on Close")
	}
	if el := time.Since(start); el > 5*time.Second {
		t.Errorf("Close took %v", el)
	}
}

func TestStallEndsWhenClientLeaves(t *testing.T) {
	s := Start(t, WithReply(Stall()))
	ctx, cancel := context.WithCancel(context.Background())
	resp := postCtx(t, ctx, s, "")
	if resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	cancel()
	resp.Body.Close()
	// The handler notices and returns; Close (in Cleanup) would hang
	// otherwise, and goleak would report it.
}

func TestStallFor(t *testing.T) {
	r := Stall()
	r.StallFor = 30 * time.Millisecond
	s := Start(t, WithReply(r))
	if body := readAll(t, post(t, s, "")); len(body) != 0 {
		t.Errorf("body %q", body)
	}
}

func TestKeepAliveOnly(t *testing.T) {
	s := Start(t, WithReply(KeepAliveOnly(5*time.Millisecond)))
	resp := post(t, s, "")
	defer resp.Body.Close()
	buf := make([]byte, 3*len(": keep-alive\n\n"))
	if _, err := io.ReadFull(resp.Body, buf); err != nil {
		t.Fatal(err)
	}
	if want := strings.Repeat(": keep-alive\n\n", 3); string(buf) != want {
		t.Errorf("got %q, want %q", buf, want)
	}
}

func TestSlowHeaders(t *testing.T) {
	r := Reply("x")
	r.HeaderDelay = 100 * time.Millisecond
	s := Start(t, WithReply(r))
	start := time.Now()
	resp := post(t, s, "")
	if el := time.Since(start); el < 100*time.Millisecond {
		t.Errorf("headers after %v, want at least 100ms", el)
	}
	readAll(t, resp)
}

func TestSlowHeadersEndOnClose(t *testing.T) {
	r := Reply("x")
	r.HeaderDelay = time.Hour
	s, err := New(WithReply(r))
	if err != nil {
		t.Fatal(err)
	}
	c := client(t)
	errc := make(chan error, 1)
	go func() {
		resp, err := do(context.Background(), c, s, "")
		if err == nil {
			resp.Body.Close()
		}
		errc <- err
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := s.WaitRequests(ctx, 1); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if err := <-errc; err == nil {
		t.Error("request succeeded")
	}
}

func TestModelMissingFirst(t *testing.T) {
	s := Start(t, WithScript(ModelMissingFirst(2, nil)))
	want := `{"error":{"message":"The model: ` + "`gpt-4`" +
		` does not exist","type":"invalid_request_error","param":null,"code":"model_not_found"}}`
	for i := 1; i <= 2; i++ {
		resp := post(t, s, "")
		body := readAll(t, resp)
		if resp.StatusCode != 404 || string(body) != want || resp.Header.Get("Content-Type") != "application/json" {
			t.Errorf("request %d: %d %q", i, resp.StatusCode, body)
		}
	}
	resp := post(t, s, "")
	if p := parse(t, readAll(t, resp)); resp.StatusCode != 200 || strings.Join(p.contents, "") != DefaultText {
		t.Errorf("third request: %d %q", resp.StatusCode, p.contents)
	}
	if s.RequestCount() != 3 {
		t.Errorf("RequestCount = %d", s.RequestCount())
	}
	// The message names the model asked for.
	s.SetScript(ModelMissingFirst(1, nil))
	body := readAll(t, post(t, s, `{"model":"gpt-4o"}`))
	if !strings.Contains(string(body), "The model: `gpt-4o` does not exist") {
		t.Errorf("body %q", body)
	}
}

func TestRetryAfter(t *testing.T) {
	for _, tc := range []struct {
		resp   Response
		status int
		ra     string
	}{
		{TooManyRequests("3"), 429, "3"},
		{Unavailable("Wed, 21 Oct 2015 07:28:00 GMT"), 503, "Wed, 21 Oct 2015 07:28:00 GMT"},
		{TooManyRequests(""), 429, ""},
		{QuotaExceeded(), 429, ""},
	} {
		s := Start(t, WithReply(tc.resp))
		resp := post(t, s, "")
		body := readAll(t, resp)
		if resp.StatusCode != tc.status || resp.Header.Get("Retry-After") != tc.ra {
			t.Errorf("status %d Retry-After %q, want %d %q", resp.StatusCode, resp.Header.Get("Retry-After"), tc.status, tc.ra)
		}
		var e struct {
			Error struct{ Message, Type string }
		}
		if err := json.Unmarshal(body, &e); err != nil || e.Error.Message == "" {
			t.Errorf("body %q: %v", body, err)
		}
	}
}

func TestRaw(t *testing.T) {
	for _, tc := range []struct {
		resp        Response
		status      int
		contentType string
	}{
		{BadGatewayHTML(), 502, "text/html"},
		{Raw(200, "application/json", `{"error":{"message":"boom"}}`), 200, "application/json"},
		{Raw(500, "", "plain failure"), 500, ""},
		{Raw(418, "text/plain", ""), 418, "text/plain"},
	} {
		s := Start(t, WithReply(tc.resp))
		resp := post(t, s, "")
		body := readAll(t, resp)
		if resp.StatusCode != tc.status || resp.Header.Get("Content-Type") != tc.contentType ||
			string(body) != string(tc.resp.Body) {
			t.Errorf("got %d %q %q, want %d %q %q", resp.StatusCode, resp.Header.Get("Content-Type"), body,
				tc.status, tc.contentType, tc.resp.Body)
		}
		if resp.ContentLength != int64(len(tc.resp.Body)) {
			t.Errorf("Content-Length %d, want %d", resp.ContentLength, len(tc.resp.Body))
		}
	}
}

func TestExtraHeaders(t *testing.T) {
	r := Reply("x")
	r.Header = http.Header{"X-Request-Id": {"abc"}}
	s := Start(t, WithReply(r))
	resp := post(t, s, "")
	readAll(t, resp)
	if resp.Header.Get("X-Request-Id") != "abc" {
		t.Errorf("headers %v", resp.Header)
	}
}

func TestRawEvents(t *testing.T) {
	r := Response{Events: []Event{
		{Comment: "OPENROUTER PROCESSING"},
		{Type: "error", Data: `{"message":"x"}`},
		{Data: "line1\nline2"},
		{Raw: "data:nospace\r\r"},
	}}
	s := Start(t, WithReply(r))
	got := string(readAll(t, post(t, s, "")))
	want := ": OPENROUTER PROCESSING\n\nevent: error\ndata: {\"message\":\"x\"}\n\ndata: line1\ndata: line2\n\ndata:nospace\r\r"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestReasoningFaults: the reasoning, usage and refusal faults shape the
// stream as their help says.
func TestReasoningFaults(t *testing.T) {
	asking := `{"model":"m","messages":[{"role":"user","content":"hi"}],"stream":true,"stream_options":{"include_usage":true}}`
	for _, tc := range []struct {
		faults, body string
		status       int
		has, hasNot  []string
	}{
		{"reasoning", "", 200, []string{`"reasoning_content":"The `}, []string{"<think>", `"usage"`}},
		{"reasoning-field", "", 200, []string{`"reasoning":"The `}, []string{"reasoning_content"}},
		{"think-tags", "", 200, []string{`"content":"<think>\n"`, `"content":"\n</think>\n\n"`}, nil},
		{"think-close", "", 200, []string{`"content":"\n</think>\n\n"`}, []string{"<think>"}},
		{"usage", asking, 200, []string{`"choices":[],"usage":{"prompt_tokens":1,"completion_tokens":10,"total_tokens":11}`}, nil},
		{"usage", "", 200, nil, []string{`"usage"`}},
		{"refuse-stream-options", asking, 422, []string{"extra_forbidden"}, nil},
		{"refuse-stream-options,reasoning", "", 200, []string{"reasoning_content"}, nil},
	} {
		t.Run(tc.faults+" "+tc.body, func(t *testing.T) {
			script, opts, err := scriptFromFlags(DefaultText, 4, 0, tc.faults)
			if err != nil {
				t.Fatal(err)
			}
			s := Start(t, append(opts, WithScript(script))...)
			resp := post(t, s, tc.body)
			body := string(readAll(t, resp))
			if resp.StatusCode != tc.status {
				t.Fatalf("status %d: %s", resp.StatusCode, body)
			}
			for _, h := range tc.has {
				if !strings.Contains(body, h) {
					t.Errorf("body lacks %s:\n%s", h, body)
				}
			}
			for _, h := range tc.hasNot {
				if strings.Contains(body, h) {
					t.Errorf("body has %s", h)
				}
			}
		})
	}
}
