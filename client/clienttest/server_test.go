package clienttest

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestDefaultReply(t *testing.T) {
	s := Start(t)
	if !strings.HasPrefix(s.URL, "http://127.0.0.1:") || !strings.HasSuffix(s.URL, "/v1") {
		t.Fatalf("URL = %q", s.URL)
	}
	resp := post(t, s, "")
	body := readAll(t, resp)
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("status %d, content type %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	p := parse(t, body)
	if got := strings.Join(p.contents, ""); got != DefaultText {
		t.Errorf("content = %q, want %q", got, DefaultText)
	}
	if p.roles != 1 || p.finish != "stop" || !p.done {
		t.Errorf("roles %d, finish %q, done %v", p.roles, p.finish, p.done)
	}
	want := `data: {"id":"chatcmpl-clienttest","object":"chat.completion.chunk","created":1700000000,` +
		`"model":"gpt-4","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}` + "\n\n"
	if !strings.HasPrefix(string(body), want) {
		t.Errorf("body starts %q, want %q", body[:min(len(body), len(want))], want)
	}
	if !strings.HasSuffix(string(body), "\n\ndata: [DONE]\n\n") {
		t.Errorf("body ends %q", body[max(0, len(body)-40):])
	}
}

func TestRecordsRequests(t *testing.T) {
	s := Start(t, WithAuth("sekret"))
	body := `{"model":"gpt-3.5-turbo","messages":[{"role":"system","content":"be brief"},` +
		`{"role":"user","content":"first"},{"role":"assistant","content":"ok"},{"role":"user","content":"second"}],` +
		`"temperature":0.25,"stream":true}`
	req, _ := http.NewRequest(http.MethodPost, s.URL+"/chat/completions?auth=sekret", strings.NewReader(body))
	req.Header.Set("User-Agent", "ChatX/39 CFNetwork/1408.0.4 Darwin/22.5.0")
	resp, err := client(t).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	readAll(t, resp)
	mresp, err := client(t).Get(s.URL + "/models?auth=sekret")
	if err != nil {
		t.Fatal(err)
	}
	readAll(t, mresp)

	if n := s.RequestCount(); n != 1 {
		t.Errorf("RequestCount = %d, want 1", n)
	}
	all := s.Requests()
	if len(all) != 2 || all[1].Path != "/v1/models" || all[1].N != 0 {
		t.Fatalf("Requests = %+v", all)
	}
	chats := s.ChatRequests()
	if len(chats) != 1 {
		t.Fatalf("ChatRequests = %d", len(chats))
	}
	r := chats[0]
	if r.N != 1 || r.Method != "POST" || r.Path != "/v1/chat/completions" || r.Query("auth") != "sekret" {
		t.Errorf("recorded %d %s %s ?%s", r.N, r.Method, r.Path, r.RawQuery)
	}
	if r.Header.Get("User-Agent") != "ChatX/39 CFNetwork/1408.0.4 Darwin/22.5.0" {
		t.Errorf("User-Agent = %q", r.Header.Get("User-Agent"))
	}
	if string(r.Body) != body || r.DecodeError != nil {
		t.Errorf("body %q, decode error %v", r.Body, r.DecodeError)
	}
	c := r.Chat
	if c.Model != "gpt-3.5-turbo" || c.Temperature == nil || *c.Temperature != 0.25 ||
		c.Stream == nil || !*c.Stream || len(c.Messages) != 4 || c.MaxTokens != nil {
		t.Errorf("decoded %+v", c)
	}
	if r.LastUser() != "second" {
		t.Errorf("LastUser = %q", r.LastUser())
	}
	// Copies are deep: changing one changes nothing the server holds.
	chats[0].Body[0] = 'X'
	chats[0].Chat.Messages[0].Content = "changed"
	if again := s.ChatRequests()[0]; again.Body[0] != '{' || again.Chat.Messages[0].Content != "be brief" {
		t.Error("ChatRequests shares memory with the server")
	}
}

func TestAuth(t *testing.T) {
	s := Start(t, WithAuth("k"))
	for _, tc := range []struct {
		query, bearer string
		want          int
	}{
		{"", "", 401},
		{"?auth=wrong", "", 401},
		{"?auth=k", "", 200},
		{"", "k", 200},
	} {
		req, _ := http.NewRequest(http.MethodGet, s.URL+"/models"+tc.query, nil)
		if tc.bearer != "" {
			req.Header.Set("Authorization", "Bearer "+tc.bearer)
		}
		resp, err := client(t).Do(req)
		if err != nil {
			t.Fatal(err)
		}
		readAll(t, resp)
		if resp.StatusCode != tc.want {
			t.Errorf("%q bearer %q: status %d, want %d", tc.query, tc.bearer, resp.StatusCode, tc.want)
		}
	}
}

func TestModels(t *testing.T) {
	s := Start(t, WithModels("llama3", "qwen"))
	resp, err := client(t).Get(s.URL + "/models")
	if err != nil {
		t.Fatal(err)
	}
	var list struct {
		Object string
		Data   []struct{ ID string }
	}
	if err := json.Unmarshal(readAll(t, resp), &list); err != nil {
		t.Fatal(err)
	}
	if list.Object != "list" || len(list.Data) != 2 || list.Data[0].ID != "llama3" || list.Data[1].ID != "qwen" {
		t.Errorf("models = %+v", list)
	}

	off := Start(t, WithModels())
	resp, err = client(t).Get(off.URL + "/models")
	if err != nil {
		t.Fatal(err)
	}
	readAll(t, resp)
	if resp.StatusCode != 404 {
		t.Errorf("disabled /models: status %d", resp.StatusCode)
	}
}

func TestUnknownPathAndMethod(t *testing.T) {
	s := Start(t, WithBasePath(""))
	for _, tc := range []struct {
		method, path string
		want         int
	}{
		{"GET", "/v1/models", 404},
		{"GET", "/chat/completions", 405},
		{"POST", "/models", 405},
		{"GET", "/models", 200},
	} {
		req, _ := http.NewRequest(tc.method, s.URL+tc.path, nil)
		resp, err := client(t).Do(req)
		if err != nil {
			t.Fatal(err)
		}
		readAll(t, resp)
		if resp.StatusCode != tc.want {
			t.Errorf("%s %s: %d, want %d", tc.method, tc.path, resp.StatusCode, tc.want)
		}
	}
	if s.RequestCount() != 0 {
		t.Errorf("RequestCount = %d, want 0", s.RequestCount())
	}
}

func TestScriptNumbering(t *testing.T) {
	s := Start(t, WithScript(Sequence(Reply("one"), Reply("two"))))
	for i, want := range []string{"one", "two", "two"} {
		p := parse(t, readAll(t, post(t, s, "")))
		if got := strings.Join(p.contents, ""); got != want {
			t.Errorf("request %d: %q, want %q", i+1, got, want)
		}
	}
	// A new script numbers from 1 again; the server keeps counting.
	var seen []int
	s.SetScript(func(n int, r *Recorded) Response {
		seen = append(seen, n, r.N)
		return Reply(r.LastUser())
	})
	p := parse(t, readAll(t, post(t, s, `{"messages":[{"role":"user","content":"echo"}]}`)))
	if got := strings.Join(p.contents, ""); got != "echo" || !slices.Equal(seen, []int{1, 4}) {
		t.Errorf("echo %q, numbers %v", got, seen)
	}
}

func TestWaitRequests(t *testing.T) {
	s := Start(t, WithReply(Stall()))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	c := client(t)
	go func() {
		resp, err := do(ctx, c, s, "")
		if err == nil {
			resp.Body.Close()
		}
		done <- err
	}()
	wctx, wcancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer wcancel()
	if err := s.WaitRequests(wctx, 1); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	cancel()

	short, scancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer scancel()
	if err := s.WaitRequests(short, 2); err == nil {
		t.Error("WaitRequests(2) returned nil with one request")
	}
}

func TestCloseIsIdempotentAndRefusesLateRequests(t *testing.T) {
	s, err := New()
	if err != nil {
		t.Fatal(err)
	}
	url := s.URL
	s.Close()
	s.Close()
	if _, err := client(t).Get(url + "/models"); err == nil {
		t.Error("request after Close succeeded")
	}
}

// TestMaxDuration: a stalled response is cut off by the server once the
// bound passes: the body read ends with an error, and not because of the
// client's own watchdog.
func TestMaxDuration(t *testing.T) {
	s := Start(t, WithMaxDuration(50*time.Millisecond), WithReply(Stall()))
	watchdog, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	resp := postCtx(t, watchdog, s, "")
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("status %d, type %q; want a 200 event stream", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	body, err := readAllErr(resp)
	if watchdog.Err() != nil {
		t.Fatal("the stall was not cut off by the server's bound")
	}
	if err == nil {
		t.Errorf("the cut-off stream ended cleanly, want a broken body")
	}
	if len(body) != 0 {
		t.Errorf("a stall sent %q", body)
	}
}

// A content array is recorded as its text and its image URLs.
func TestRecordsContentArrays(t *testing.T) {
	var m Message
	err := json.Unmarshal([]byte(`{"role":"user","content":[{"type":"text","text":"what?"},{"type":"image_url","image_url":{"url":"data:image/png;base64,AA=="}}]}`), &m)
	if err != nil || m.Content != "what?" || !m.Array || len(m.Images) != 1 || m.Images[0] != "data:image/png;base64,AA==" {
		t.Errorf("%+v %v", m, err)
	}
	if err := json.Unmarshal([]byte(`{"role":"user","content":"plain"}`), &m); err != nil || m.Content != "plain" || m.Array || m.Images != nil {
		t.Errorf("%+v %v", m, err)
	}
}
