package client

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// A fixture is a sample stream of one server family, kept under
// testdata/streams as the server sends it, and the events the client must
// make of it. Consecutive text or reasoning events are compared merged,
// since how many there are is the server's business.
type fixture struct {
	file string
	// refusal, when set, is a body the server first answers with, status
	// 422, before it serves file to the request sent without stream_options.
	refusal string
	want    []Event
}

func text(s string) Event      { return Event{Kind: EventText, Text: s} }
func reasoning(s string) Event { return Event{Kind: EventReasoning, Text: s} }
func usage(prompt, completion int) Event {
	return Event{Kind: EventUsage, Usage: Usage{PromptTokens: prompt, CompletionTokens: completion, TotalTokens: prompt + completion}}
}

var fixtures = []fixture{
	{file: "deepseek-reasoning-content.sse", want: []Event{
		reasoning("The user asks for 2+2; that is 4 — simple."), text("2 + 2 = **4**."), usage(12, 21)}},
	{file: "vllm-reasoning.sse", want: []Event{
		reasoning("Okay, a greeting.\n"), text("\n\nHello! How can I help?"), usage(9, 15)}},
	{file: "openrouter-reasoning-details.sse", want: []Event{
		reasoning("I should name the capital. (Summary: capital of France.)"), text("Paris."), usage(14, 40)}},
	{file: "ollama-reasoning-only.sse", want: []Event{
		reasoning("The answer is 42, as everyone knows."), usage(11, 9)}},
	{file: "llamacpp-reasoning-content.sse", want: []Event{
		reasoning("Short question, short answer."), text("Yes."), usage(8, 12)}},
	{file: "lmstudio-think-content.sse", want: []Event{
		reasoning("They want a color; blue is safe.\n"), text("Blue. Tags like <think> are plain text here."), usage(13, 30)}},
	{file: "mistral-content-array.sse", want: []Event{
		reasoning("Okay, the user wants a haiku."), text("Quiet autumn pond"), usage(10, 42)}},
	{file: "r1-missing-open-tag.sse", want: []Event{
		text("Okay, so 3 times 3 is 9.\n"), {Kind: EventReclassify, Text: "Okay, so 3 times 3 is 9.\n"}, text("3 × 3 = 9")}},
	{file: "openai-usage-final-chunk.sse", want: []Event{text("Hi there"), usage(8, 2)}},
	{file: "mistral-content-array.sse", refusal: "mistral-422-stream-options.json", want: []Event{
		{Kind: EventUsageRefused}, reasoning("Okay, the user wants a haiku."), text("Quiet autumn pond"), usage(10, 42)}},
}

// fixtureServer serves a fixture on a loopback server, cut into writes per
// sp, and records each request's stream_options.
type fixtureServer struct {
	url     string
	mu      sync.Mutex
	options []bool // whether each request asked for usage
}

func serveFixture(t *testing.T, f fixture, sp split, seed uint64) *fixtureServer {
	t.Helper()
	body := readFixture(t, f.file)
	var refusal string
	if f.refusal != "" {
		refusal = readFixture(t, f.refusal)
	}
	fs := &fixtureServer{}
	srv := handlerServer(t, func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			StreamOptions *struct {
				IncludeUsage bool `json:"include_usage"`
			} `json:"stream_options"`
		}
		data, _ := io.ReadAll(r.Body)
		if err := json.Unmarshal(data, &req); err != nil {
			t.Errorf("request body %q: %v", data, err)
		}
		asked := req.StreamOptions != nil && req.StreamOptions.IncludeUsage
		fs.mu.Lock()
		fs.options = append(fs.options, asked)
		fs.mu.Unlock()
		if refusal != "" && asked {
			response{status: http.StatusUnprocessableEntity, body: refusal, header: map[string]string{"Content-Type": "application/json"}}.write(w)
			return
		}
		response{body: body, split: sp, seed: seed}.write(w)
	})
	fs.url = srv.URL
	return fs
}

func readFixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "streams", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// allEvents drains s and returns its events as they came.
func allEvents(s *Stream) []Event {
	var evs []Event
	for ev := range s.Events() {
		evs = append(evs, ev)
	}
	return evs
}

// merged joins runs of text and of reasoning events.
func merged(evs []Event) []Event {
	var out []Event
	for _, ev := range evs {
		if n := len(out); n > 0 && (ev.Kind == EventText || ev.Kind == EventReasoning) && out[n-1].Kind == ev.Kind {
			out[n-1].Text += ev.Text
			continue
		}
		out = append(out, ev)
	}
	return out
}

func describeEvents(evs []Event) string {
	var b strings.Builder
	for _, ev := range evs {
		fmt.Fprintf(&b, "\n  kind %d %q %+v", ev.Kind, ev.Text, ev.Usage)
	}
	return b.String()
}

// TestFixtures replays every server's sample through a real loopback
// server, whole, byte by byte and at random cuts, and demands the exact
// events, the same events whatever the cuts.
func TestFixtures(t *testing.T) {
	t.Parallel()
	for _, f := range fixtures {
		name := strings.TrimSuffix(f.file, ".sse")
		if f.refusal != "" {
			name = strings.TrimSuffix(f.refusal, ".json")
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var first []Event
			for i, sp := range []split{whole, byteByByte, randomSplits, randomSplits, randomSplits} {
				srv := serveFixture(t, f, sp, uint64(i))
				o := testOptions()
				o.NoPartial = i%2 == 1 // the events are the same either way
				c := New(testProvider(srv.url), o)
				st := c.Stream(t.Context(), Request{Model: "m", Messages: []Message{{Role: RoleUser, Content: "hi"}}})
				evs := allEvents(st)
				if err := st.Err(); err != nil {
					t.Fatalf("%v: %v", sp, err)
				}
				if got := merged(evs); !slices.Equal(got, f.want) {
					t.Fatalf("%v: events%s\nwant%s", sp, describeEvents(got), describeEvents(f.want))
				}
				if first == nil {
					first = evs
				} else if !slices.Equal(evs, first) {
					t.Fatalf("%v (seed %d) gives other events than whole:%s\nwhole:%s", sp, i, describeEvents(evs), describeEvents(first))
				}
				wantOptions := []bool{true}
				if f.refusal != "" {
					wantOptions = []bool{true, false}
				}
				srv.mu.Lock()
				if !slices.Equal(srv.options, wantOptions) {
					t.Errorf("requests asked for usage: %v, want %v", srv.options, wantOptions)
				}
				srv.mu.Unlock()
			}
		})
	}
}
