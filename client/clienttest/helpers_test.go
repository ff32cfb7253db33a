package clienttest

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// post sends a chat-completions request and returns the response; the
// caller closes its body.
func post(t *testing.T, s *Server, body string) *http.Response {
	t.Helper()
	return postCtx(t, context.Background(), s, body)
}

func postCtx(t *testing.T, ctx context.Context, s *Server, body string) *http.Response {
	t.Helper()
	resp, err := do(ctx, client(t), s, body)
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

// do sends a chat-completions request; it may run on any goroutine.
func do(ctx context.Context, c *http.Client, s *Server, body string) (*http.Response, error) {
	if body == "" {
		body = `{"model":"gpt-4","messages":[{"role":"user","content":"hi"}],"temperature":0.7,"stream":true}`
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.URL+"/chat/completions", strings.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	return c.Do(req)
}

// readAllErr reads a response body to the end and closes it, returning what
// it read and the error that ended it.
func readAllErr(resp *http.Response) ([]byte, error) {
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// client returns an HTTP client whose idle connections are closed when the
// test ends, so goleak sees no transport goroutines.
func client(t *testing.T) *http.Client {
	tr := &http.Transport{}
	t.Cleanup(tr.CloseIdleConnections)
	return &http.Client{Transport: tr}
}

// readAll reads a response body to the end and closes it.
func readAll(t *testing.T, resp *http.Response) []byte {
	t.Helper()
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("reading body: %v", err)
	}
	return b
}

type chunk struct {
	Object  string `json:"object"`
	Model   string `json:"model"`
	Choices []struct {
		Delta struct {
			Role    string `json:"role"`
			Content string `json:"content"`
		} `json:"delta"`
		FinishReason *string `json:"finish_reason"`
	} `json:"choices"`
}

// parsed is what a minimal event-stream reader makes of a body written by
// this package (which never splits fields across lines oddly).
type parsed struct {
	contents []string
	roles    int
	finish   string
	done     bool
	comments []string
}

func parse(t *testing.T, body []byte) parsed {
	t.Helper()
	s := strings.ReplaceAll(string(body), "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	var p parsed
	for ev := range strings.SplitSeq(s, "\n\n") {
		for line := range strings.SplitSeq(ev, "\n") {
			switch {
			case line == "":
			case strings.HasPrefix(line, ": "):
				p.comments = append(p.comments, line[2:])
			case line == "data: [DONE]":
				p.done = true
			case strings.HasPrefix(line, "data: "):
				var c chunk
				if err := json.Unmarshal([]byte(line[6:]), &c); err != nil {
					t.Fatalf("bad chunk %q: %v", line, err)
				}
				if c.Object != "chat.completion.chunk" || len(c.Choices) != 1 {
					t.Fatalf("bad chunk %q", line)
				}
				ch := c.Choices[0]
				if ch.Delta.Role != "" {
					p.roles++
				} else if ch.FinishReason == nil {
					p.contents = append(p.contents, ch.Delta.Content)
				}
				if ch.FinishReason != nil {
					p.finish = *ch.FinishReason
				}
			default:
				t.Fatalf("unexpected line %q", line)
			}
		}
	}
	return p
}
