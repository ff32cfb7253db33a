// Package clienttest runs a fake OpenAI-compatible chat-completions server on
// the loopback interface, with every fault a real server family has been
// seen to produce: split and cut streams, stalls, slow headers, keep-alive
// comments with no data, Lockchat's intermittent "model does not exist",
// rate limits with Retry-After, HTML error pages and hostile text.
//
// It is real net/http on 127.0.0.1, not a mock transport, and it does not
// import package testing: the tests of every package use it, and so does
// lockchat's demo mode. A Script chooses each response; a Response describes
// it step by step. Everything the server does is bounded by the request's
// context, by Close and by a maximum duration, and Close waits for every
// goroutine the server started.
//
// Reasoning models and usage have their own knobs. Stream.Reasoning holds
// reasoning tokens, sent before the answer in the way Stream.Thinking says:
// delta.reasoning_content (ThinkReasoningContent, the default, as DeepSeek
// and llama.cpp send it), delta.reasoning (ThinkReasoning: vLLM, Ollama,
// OpenRouter), <think>…</think> in the content (ThinkTags: LM Studio) or
// the content followed by a lone </think> (ThinkCloseOnly: R1-style
// templates). Stream.Usage adds a last chunk with empty choices and the
// token counts, and Recorded.WantsUsage tells whether a request asked for
// one with stream_options. RefuseStreamOptions wraps a script so that
// requests carrying stream_options get Mistral's 422 (StreamOptionsRefused).
// Demo's thinking model, DemoThinkingModel, reasons before each answer.
// The command-line faults reasoning, reasoning-field, think-tags,
// think-close, usage and refuse-stream-options do the same from a shell.
package clienttest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"sync"
	"time"
)

// MaxBodyBytes is how much of a request body the server reads and records.
const MaxBodyBytes = 8 << 20

// Server is a running fake server. Its methods are safe for concurrent use.
type Server struct {
	// URL is the API base, such as "http://127.0.0.1:40123/v1", to which a
	// client appends "/chat/completions" or "/models".
	URL string
	// Addr is the host:port the server listens on.
	Addr string

	cfg       config
	srv       *http.Server
	closing   chan struct{} // closed by Close; every wait selects on it
	serveDone chan struct{}
	closeOnce sync.Once
	handlers  sync.WaitGroup // running handlers; Add only while !closed
	conns     sync.WaitGroup // connections not yet closed or hijacked

	scriptMu sync.Mutex // serialises Script calls

	mu       sync.Mutex
	closed   bool
	requests []*Recorded
	chats    int
	script   Script
	// scriptBase is the number of chat requests before script was set.
	scriptBase int
	changed    chan struct{} // closed and replaced whenever a request arrives
}

type config struct {
	addr        string
	basePath    string
	script      Script
	models      []string
	auth        string
	maxDuration time.Duration
}

// Option configures a Server.
type Option func(*config)

// WithAddr makes the server listen on addr instead of "127.0.0.1:0".
func WithAddr(addr string) Option { return func(c *config) { c.addr = addr } }

// WithBasePath sets the path prefix of the API, "/v1" by default; "" serves
// "/chat/completions" and "/models" at the root.
func WithBasePath(p string) Option { return func(c *config) { c.basePath = p } }

// WithScript sets the initial script; see Server.SetScript.
func WithScript(s Script) Option { return func(c *config) { c.script = s } }

// WithReply answers every chat-completions request with r.
func WithReply(r Response) Option { return WithScript(Always(r)) }

// WithModels sets the model ids listed by GET /models, by default Lockchat's
// "gpt-4" and "gpt-3.5-turbo". With no ids, /models answers 404, as on
// servers that do not offer it.
func WithModels(ids ...string) Option {
	return func(c *config) { c.models = append([]string(nil), ids...) }
}

// WithAuth makes every request need the token, either as Lockchat's query
// parameter "auth" or as "Authorization: Bearer token"; others get a 401.
func WithAuth(token string) Option { return func(c *config) { c.auth = token } }

// WithMaxDuration bounds how long any one response may take, stalls
// included; the default is five minutes.
func WithMaxDuration(d time.Duration) Option { return func(c *config) { c.maxDuration = d } }

// New starts a server. Close it when done.
func New(opts ...Option) (*Server, error) {
	cfg := config{
		addr:        "127.0.0.1:0",
		basePath:    "/v1",
		models:      []string{"gpt-4", "gpt-3.5-turbo"},
		maxDuration: 5 * time.Minute,
	}
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.script == nil {
		cfg.script = Always(defaultReply())
	}
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return nil, fmt.Errorf("clienttest: %w", err)
	}
	s := &Server{
		Addr:      ln.Addr().String(),
		cfg:       cfg,
		closing:   make(chan struct{}),
		serveDone: make(chan struct{}),
		script:    cfg.script,
		changed:   make(chan struct{}),
	}
	s.URL = "http://" + s.Addr + cfg.basePath
	s.srv = &http.Server{
		Handler:           http.HandlerFunc(s.serveHTTP),
		ReadHeaderTimeout: 30 * time.Second,
		// Hijacked and cut connections make net/http complain; that noise
		// is the point of the faults, not news.
		ErrorLog: log.New(io.Discard, "", 0),
		ConnState: func(_ net.Conn, st http.ConnState) {
			switch st {
			case http.StateNew:
				s.conns.Add(1)
			case http.StateClosed, http.StateHijacked:
				s.conns.Done()
			}
		},
	}
	go func() {
		defer close(s.serveDone)
		_ = s.srv.Serve(ln)
	}()
	return s, nil
}

// TB is the part of testing.TB that Start needs; *testing.T, *testing.B and
// *testing.F satisfy it.
type TB interface {
	Helper()
	Cleanup(func())
	Fatalf(format string, args ...any)
}

// Start starts a server for a test and closes it when the test ends.
func Start(tb TB, opts ...Option) *Server {
	tb.Helper()
	s, err := New(opts...)
	if err != nil {
		tb.Fatalf("%v", err)
		return nil
	}
	tb.Cleanup(s.Close)
	return s
}

// Close stops the server: it ends every response in progress, stalls
// included, closes every connection and waits for every handler and
// connection goroutine to finish. It may be called more than once.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		s.mu.Lock()
		s.closed = true
		s.mu.Unlock()
		close(s.closing)
		_ = s.srv.Close()
		<-s.serveDone
		s.handlers.Wait()
		s.conns.Wait()
	})
}

// SetScript replaces the script that answers chat-completions requests.
// The new script numbers requests from 1 again, so that
// SetScript(ModelMissingFirst(2, nil)) fails the next two requests;
// Recorded.N and RequestCount keep counting across scripts.
func (s *Server) SetScript(f Script) {
	if f == nil {
		f = Always(defaultReply())
	}
	s.mu.Lock()
	s.script = f
	s.scriptBase = s.chats
	s.mu.Unlock()
}

// Requests returns a copy of every request received so far, of any path, in
// order of arrival.
func (s *Server) Requests() []Recorded {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Recorded, len(s.requests))
	for i, r := range s.requests {
		out[i] = r.clone()
	}
	return out
}

// ChatRequests returns a copy of the chat-completions requests received so
// far, in order.
func (s *Server) ChatRequests() []Recorded {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Recorded
	for _, r := range s.requests {
		if r.N > 0 {
			out = append(out, r.clone())
		}
	}
	return out
}

// RequestCount returns the number of chat-completions requests received so
// far, the number the latest one was given.
func (s *Server) RequestCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.chats
}

// WaitRequests blocks until at least n chat-completions requests have
// arrived, ctx is done or the server is closed. Tests use it instead of
// sleeping.
func (s *Server) WaitRequests(ctx context.Context, n int) error {
	for {
		s.mu.Lock()
		count, changed := s.chats, s.changed
		s.mu.Unlock()
		if count >= n {
			return nil
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return ctx.Err()
		case <-s.closing:
			return errors.New("clienttest: server closed")
		}
	}
}

// begin registers a handler, or reports false once Close has started, so
// that no handler starts while Close waits for them.
func (s *Server) begin() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return false
	}
	s.handlers.Add(1)
	return true
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.begin() {
		return
	}
	defer s.handlers.Done()

	rec := record(r)
	chatPath := s.cfg.basePath + "/chat/completions"
	modelsPath := s.cfg.basePath + "/models"

	s.mu.Lock()
	if r.URL.Path == chatPath && r.Method == http.MethodPost {
		s.chats++
		rec.N = s.chats
	}
	s.requests = append(s.requests, rec)
	close(s.changed)
	s.changed = make(chan struct{})
	script, n := s.script, rec.N-s.scriptBase
	s.mu.Unlock()

	ctx, cancel := context.WithTimeout(r.Context(), s.cfg.maxDuration)
	defer cancel()

	var resp Response
	switch {
	case r.URL.Path != chatPath && r.URL.Path != modelsPath:
		resp = JSONError(http.StatusNotFound, "Unknown request URL: "+r.Method+" "+r.URL.Path,
			"invalid_request_error", "unknown_url")
	case r.URL.Path == chatPath && r.Method != http.MethodPost,
		r.URL.Path == modelsPath && r.Method != http.MethodGet:
		resp = JSONError(http.StatusMethodNotAllowed, "Method not allowed: "+r.Method,
			"invalid_request_error", "")
	case !s.authorized(rec):
		resp = JSONError(http.StatusUnauthorized, "Invalid authentication token",
			"invalid_request_error", "invalid_api_key")
	case r.URL.Path == modelsPath:
		resp = s.modelsResponse()
	default:
		// The script gets its own copy, so nothing it does can race with
		// Requests.
		c := rec.clone()
		s.scriptMu.Lock()
		resp = script(n, &c)
		s.scriptMu.Unlock()
	}
	s.respond(ctx, w, resp)
}

func (s *Server) authorized(r *Recorded) bool {
	if s.cfg.auth == "" {
		return true
	}
	return r.Query("auth") == s.cfg.auth || r.Header.Get("Authorization") == "Bearer "+s.cfg.auth
}

func (s *Server) modelsResponse() Response {
	if len(s.cfg.models) == 0 {
		return JSONError(http.StatusNotFound, "Not found", "invalid_request_error", "")
	}
	body := `{"object":"list","data":[`
	for i, id := range s.cfg.models {
		if i > 0 {
			body += ","
		}
		body += `{"id":` + quote(id, false) + `,"object":"model","created":` + created + `,"owned_by":"clienttest"}`
	}
	return Raw(http.StatusOK, "application/json", body+"]}")
}

// ClosedAddr returns a loopback address where nothing listens: a port just
// taken and let go, for tests of a server that cannot be reached.
func ClosedAddr(tb TB) string {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatalf("%v", err)
		return ""
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}
