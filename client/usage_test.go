package client

import (
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
)

// bodyRecorder answers with resps in turn (the last one again and again)
// and keeps every request body.
type bodyRecorder struct {
	mu     sync.Mutex
	bodies []string
}

func (b *bodyRecorder) serve(t *testing.T, resps ...response) string {
	t.Helper()
	srv := handlerServer(t, func(w http.ResponseWriter, r *http.Request) {
		data, _ := io.ReadAll(r.Body)
		b.mu.Lock()
		n := len(b.bodies)
		b.bodies = append(b.bodies, string(data))
		b.mu.Unlock()
		resps[min(n, len(resps)-1)].write(w)
	})
	return srv.URL
}

// asked reports, per request, whether it carried stream_options.include_usage.
func (b *bodyRecorder) asked(t *testing.T) []bool {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []bool
	for _, body := range b.bodies {
		var req map[string]json.RawMessage
		if err := json.Unmarshal([]byte(body), &req); err != nil {
			t.Fatalf("body %q: %v", body, err)
		}
		opt, ok := req["stream_options"]
		if ok && string(opt) != `{"include_usage":true}` {
			t.Errorf("stream_options = %s", opt)
		}
		out = append(out, ok)
	}
	return out
}

func TestStreamOptionsSentByDefault(t *testing.T) {
	t.Parallel()
	for _, off := range []bool{false, true} {
		var rec bodyRecorder
		url := rec.serve(t, response{body: okBody})
		o := testOptions()
		o.NoStreamUsage = off
		if r := streamOnce(t, testProvider(url), o); r.err != nil || r.text != "ok" {
			t.Fatalf("NoStreamUsage %v: %q, %v", off, r.text, r.err)
		}
		if got := rec.asked(t); !slices.Equal(got, []bool{!off}) {
			t.Errorf("NoStreamUsage %v: requests asked for usage %v", off, got)
		}
	}
}

// TestUsageRefused: a 400 or 422 naming stream_options is answered by
// sending the request again at once without it, once, with no retry shown
// and one EventUsageRefused before anything else.
func TestUsageRefused(t *testing.T) {
	t.Parallel()
	jsonCT := map[string]string{"Content-Type": "application/json"}
	mistral := response{status: 422, header: jsonCT,
		body: `{"object":"error","message":{"detail":[{"type":"extra_forbidden","loc":["body","stream_options"],"msg":"Extra inputs are not permitted"}]},"type":"invalid_request_message_error","param":null,"code":null}`}
	azure := response{status: 400, header: jsonCT,
		body: `{"error":{"message":"Unrecognized request argument supplied: stream_options","type":"invalid_request_error","param":null,"code":null}}`}
	other400 := response{status: 400, header: jsonCT, body: `{"error":{"message":"messages: too long","type":"invalid_request_error"}}`}
	notFound := response{status: 404, header: jsonCT, body: `{"error":{"message":"stream_options? no such route"}}`}
	ok := response{body: okBody}
	tests := []struct {
		name    string
		resps   []response
		off     bool
		asked   []bool
		refused bool
		text    string
		status  int // of the final error, 0 for success
	}{
		{"mistral 422", []response{mistral, ok}, false, []bool{true, false}, true, "ok", 0},
		{"gateway 400", []response{azure, ok}, false, []bool{true, false}, true, "ok", 0},
		{"400 for something else", []response{other400, ok}, false, []bool{true}, false, "", 400},
		{"404 naming the field", []response{notFound, ok}, false, []bool{true}, false, "", 404},
		{"refused again without the field", []response{mistral}, false, []bool{true, false}, true, "", 422},
		{"option off", []response{mistral, ok}, true, []bool{false}, false, "", 422},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var rec bodyRecorder
			o := withRetries(3)
			o.NoStreamUsage = tt.off
			c := New(testProvider(rec.serve(t, tt.resps...)), o)
			st := c.Stream(t.Context(), Request{Model: "m", Messages: []Message{{Role: RoleUser, Content: "hi"}}})
			evs := allEvents(st)
			refused := slices.IndexFunc(evs, func(e Event) bool { return e.Kind == EventUsageRefused })
			if (refused >= 0) != tt.refused || (refused > 0) {
				t.Errorf("EventUsageRefused at %d in%s", refused, describeEvents(evs))
			}
			var got strings.Builder
			for _, ev := range evs {
				switch ev.Kind {
				case EventRetry:
					t.Errorf("a retry was announced: %+v", ev.Retry)
				case EventText:
					got.WriteString(ev.Text)
				}
			}
			if got.String() != tt.text {
				t.Errorf("text %q, want %q", got.String(), tt.text)
			}
			if asked := rec.asked(t); !slices.Equal(asked, tt.asked) {
				t.Errorf("requests asked for usage %v, want %v", asked, tt.asked)
			}
			e, _ := AsError(st.Err())
			switch {
			case tt.status == 0 && st.Err() != nil:
				t.Errorf("error %v", st.Err())
			case tt.status != 0 && (e == nil || e.Status != tt.status):
				t.Errorf("error %v, want status %d", st.Err(), tt.status)
			}
		})
	}
}

// TestUsageEvents: usage is taken from any chunk, including one with
// empty choices and one that also carries text.
func TestUsageEvents(t *testing.T) {
	t.Parallel()
	body := `data: {"choices":[{"delta":{"content":"a"}}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}` + "\n\n" +
		`data: {"choices":[{"delta":{},"finish_reason":"stop"}],"usage":null}` + "\n\n" +
		`data: {"choices":[],"usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3}}` + "\n\n" + done
	for _, sp := range splits {
		r := streamOnce(t, testProvider(newServer(t, response{body: body, split: sp}).URL), testOptions())
		want := []Usage{{1, 1, 2}, {1, 2, 3}}
		if r.err != nil || r.text != "a" || !slices.Equal(r.usage, want) {
			t.Errorf("%v: %q %v %v, want \"a\" %v", sp, r.text, r.usage, r.err, want)
		}
	}
}

// TestNoRetryAfterReasoning: reasoning shown to the user counts as the
// first token, so a failure after it is not retried.
func TestNoRetryAfterReasoning(t *testing.T) {
	t.Parallel()
	body := `data: {"choices":[{"delta":{"reasoning_content":"hmm"}}]}` + "\n\n" + "data: " + modelMissingJSON + "\n\n"
	srv := newServer(t, response{body: body}, response{body: okBody})
	p := testProvider(srv.URL)
	p.RetryModelMissing = true
	r := streamOnce(t, p, withRetries(3))
	if n := srv.requests.Load(); n != 1 || r.err == nil || len(r.retries) != 0 {
		t.Fatalf("requests %d, retries %v, err %v; want one request and its error", n, r.retries, r.err)
	}
}

// TestHeldTextReachesTheEnd: text the <think> splitter holds back is
// delivered when the reply ends, whichever way it ends, and an error's
// Partial holds the answer without reclassified reasoning.
func TestHeldTextReachesTheEnd(t *testing.T) {
	t.Parallel()
	chunk := func(s string) string {
		b, _ := json.Marshal(s)
		return `data: {"choices":[{"delta":{"content":` + string(b) + `}}]}` + "\n\n"
	}
	stop := `data: {"choices":[{"delta":{},"finish_reason":"stop"}]}` + "\n\n"
	tests := []struct {
		name, body, text, reasoning, partial string
		kind                                 ErrorKind
	}{
		{"partial tag at [DONE]", chunk("a <thi") + done, "a <thi", "", "", ""},
		{"partial tag at EOF after finish", chunk("a </thin") + stop, "a </thin", "", "", ""},
		{"open block cut off", chunk("<think>plan </thi"), "", "plan </thi", "", KindTruncated},
		{"partial tag before an error", chunk("x <") + `data: {"error":{"message":"boom"}}` + "\n\n", "x <", "", "x <", KindStreamError},
		{"reclassified then cut off", chunk("plan") + chunk("</think>answer"), "plananswer", "", "answer", KindTruncated},
		{"leading white space only", chunk("\n\n") + done, "\n\n", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := New(testProvider(newServer(t, response{body: tt.body}).URL), testOptions())
			st := c.Stream(t.Context(), Request{Model: "m"})
			var text, reasoning strings.Builder
			for _, ev := range allEvents(st) {
				switch ev.Kind {
				case EventText:
					text.WriteString(ev.Text)
				case EventReasoning:
					reasoning.WriteString(ev.Text)
				}
			}
			if text.String() != tt.text || reasoning.String() != tt.reasoning {
				t.Errorf("text %q reasoning %q, want %q and %q", text.String(), reasoning.String(), tt.text, tt.reasoning)
			}
			if got := errKind(t, st.Err()); got != tt.kind {
				t.Fatalf("error %v, want kind %q", st.Err(), tt.kind)
			}
			if e, ok := AsError(st.Err()); ok && e.Partial != tt.partial {
				t.Errorf("Partial %q, want %q", e.Partial, tt.partial)
			}
		})
	}
}
