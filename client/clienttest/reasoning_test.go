package clienttest_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/lockchat/lockchat/client"
	"github.com/lockchat/lockchat/client/clienttest"
)

// reply is what the client made of one stream.
type reply struct {
	reasoning, answer string
	usage             *client.Usage
	refused           int
	requests          int
	err               error
}

// ask streams one request from s with the real client, applying
// reclassify events as a caller must.
func ask(t *testing.T, s *clienttest.Server, model string, opts client.Options) reply {
	t.Helper()
	p := client.Provider{Name: "test", BaseURL: s.URL, Auth: client.AuthNone}
	before := s.RequestCount()
	st := client.New(p, opts).Stream(t.Context(), client.Request{Model: model,
		Messages: []client.Message{{Role: client.RoleUser, Content: "a table please"}}})
	var r reply
	var reasoning, answer strings.Builder
	for ev := range st.Events() {
		switch ev.Kind {
		case client.EventReasoning:
			reasoning.WriteString(ev.Text)
		case client.EventText:
			answer.WriteString(ev.Text)
		case client.EventReclassify:
			if ev.Text != answer.String() {
				t.Errorf("reclassify %q, but the answer so far is %q", ev.Text, answer.String())
			}
			reasoning.WriteString(ev.Text)
			answer.Reset()
		case client.EventUsage:
			u := ev.Usage
			r.usage = &u
		case client.EventUsageRefused:
			r.refused++
		}
	}
	r.reasoning, r.answer, r.err = reasoning.String(), answer.String(), st.Err()
	r.requests = s.RequestCount() - before
	return r
}

func fastOptions() client.Options {
	o := client.DefaultOptions()
	o.MaxRetries = 0
	o.Timeout = 30 * time.Second
	return o
}

// TestThinkingShapes: every way Stream sends reasoning reaches the client
// as reasoning, apart from the answer.
func TestThinkingShapes(t *testing.T) {
	const thought, answer = "First I think. Then more.", "The answer."
	for _, th := range []clienttest.Thinking{"", clienttest.ThinkReasoningContent, clienttest.ThinkReasoning,
		clienttest.ThinkTags, clienttest.ThinkCloseOnly} {
		t.Run(string(th), func(t *testing.T) {
			st := clienttest.Stream{Reasoning: clienttest.Split(thought, 3), Thinking: th, Tokens: clienttest.Split(answer, 3),
				Usage: &clienttest.Usage{PromptTokens: 5, CompletionTokens: 7}}
			s := clienttest.Start(t, clienttest.WithReply(st.Response()))
			r := ask(t, s, "m", fastOptions())
			wantThought := thought
			if th == clienttest.ThinkTags || th == clienttest.ThinkCloseOnly {
				wantThought += "\n" // the line end the template puts before </think>
			}
			if r.err != nil || r.reasoning != wantThought || r.answer != answer {
				t.Fatalf("reasoning %q answer %q err %v", r.reasoning, r.answer, r.err)
			}
			if r.usage == nil || *r.usage != (client.Usage{PromptTokens: 5, CompletionTokens: 7, TotalTokens: 12}) {
				t.Errorf("usage %+v", r.usage)
			}
		})
	}
}

// TestRefuseStreamOptions: the refusing server answers 422 to a request
// with stream_options, and the client gets its reply by sending it again
// without, once.
func TestRefuseStreamOptions(t *testing.T) {
	s := clienttest.Start(t, clienttest.WithScript(clienttest.RefuseStreamOptions(nil)))
	r := ask(t, s, "m", fastOptions())
	if r.err != nil || r.answer != clienttest.DefaultText || r.refused != 1 || r.requests != 2 {
		t.Fatalf("answer %q err %v refused %d requests %d", r.answer, r.err, r.refused, r.requests)
	}
	reqs := s.ChatRequests()
	if !reqs[0].WantsUsage() || reqs[1].Chat.StreamOptions != nil {
		t.Errorf("requests: %s then %s", reqs[0].Body, reqs[1].Body)
	}
	o := fastOptions()
	o.NoStreamUsage = true
	if r := ask(t, s, "m", o); r.err != nil || r.refused != 0 || r.requests != 1 {
		t.Errorf("without the option: err %v refused %d requests %d", r.err, r.refused, r.requests)
	}
	if resp := clienttest.StreamOptionsRefused(); resp.Status != http.StatusUnprocessableEntity ||
		!strings.Contains(string(resp.Body), `"loc":["body","stream_options"]`) {
		t.Errorf("StreamOptionsRefused = %d %s", resp.Status, resp.Body)
	}
}

// TestDemoThinkingModel: the demo's thinking model reasons before it
// answers, the others do not, and usage comes when asked for.
func TestDemoThinkingModel(t *testing.T) {
	demo := clienttest.Demo()
	s := clienttest.Start(t, clienttest.WithScript(func(n int, r *clienttest.Recorded) clienttest.Response {
		resp := demo(n, r)
		for i := range resp.Events {
			resp.Events[i].Delay = 0 // the pace is TestDemoPace's business
		}
		return resp
	}))
	table := clienttest.DemoCorpus()[3]
	r := ask(t, s, clienttest.DemoThinkingModel, fastOptions())
	if r.err != nil || r.reasoning != table.Reasoning || r.answer != table.Text {
		t.Fatalf("thinking model: reasoning %q, answer of %d bytes, err %v", r.reasoning, len(r.answer), r.err)
	}
	tokens := len(clienttest.Split(table.Reasoning, 4)) + len(clienttest.Split(table.Text, 4))
	if r.usage == nil || r.usage.CompletionTokens != tokens || r.usage.PromptTokens == 0 {
		t.Errorf("usage %+v, want %d completion tokens", r.usage, tokens)
	}
	o := fastOptions()
	o.NoStreamUsage = true
	if r := ask(t, s, "gpt-4", o); r.err != nil || r.reasoning != "" || r.answer != table.Text || r.usage != nil {
		t.Errorf("plain model: reasoning %q usage %+v err %v", r.reasoning, r.usage, r.err)
	}
	for _, d := range clienttest.DemoCorpus() {
		if len(d.Reasoning) < 200 {
			t.Errorf("reply %q thinks only %d bytes", d.Keywords[0], len(d.Reasoning))
		}
	}
}
