package clienttest

import (
	"strings"
	"testing"
	"time"
)

func TestDemoPicksByKeywordThenInTurn(t *testing.T) {
	corpus := DemoCorpus()
	script := Demo()
	text := func(msg string) string {
		r := &Recorded{Chat: ChatRequest{Messages: []Message{{Role: "user", Content: msg}}}}
		var b strings.Builder
		for _, e := range script(1, r).Events {
			b.WriteString(e.Data)
		}
		return b.String()
	}
	contains := func(got string, i int) bool {
		// The first token of the reply, quoted as JSON, is in the stream.
		return strings.Contains(got, quote(Split(corpus[i].Text, 4)[0], false))
	}
	for msg, want := range map[string]int{
		"Show me some Python": 2,
		"write it in go":      1,
		"compare them":        3,
		"EXPLAIN terminals":   4,
	} {
		if !contains(text(msg), want) {
			t.Errorf("%q did not pick reply %d", msg, want)
		}
	}
	for i := range 2 * len(corpus) {
		if !contains(text("nothing matches"), i%len(corpus)) {
			t.Errorf("turn %d did not pick reply %d", i, i%len(corpus))
		}
	}
}

func TestDemoCorpusHasTheShowcase(t *testing.T) {
	all := ""
	for _, d := range DemoCorpus() {
		all += d.Text
	}
	for _, want := range []string{"# ", "\n- ", "\n1. ", "|---|", "```go\n", "```python\n"} {
		if !strings.Contains(all, want) {
			t.Errorf("corpus lacks %q", want)
		}
	}
	long := DemoCorpus()[4].Text
	if len(long) < 2000 {
		t.Errorf("long reply is %d bytes", len(long))
	}
}

func TestDemoPace(t *testing.T) {
	r := DemoResponse("abcdefgh", "m")
	if len(r.Events) != 5 { // role, two tokens, finish, DONE
		t.Fatalf("%d events", len(r.Events))
	}
	for _, e := range r.Events {
		if e.Delay < 10*time.Millisecond || e.Delay > 20*time.Millisecond {
			t.Errorf("delay %v", e.Delay)
		}
	}
}

func TestDemoStreams(t *testing.T) {
	demo := Demo()
	s := Start(t, WithScript(func(n int, r *Recorded) Response {
		resp := demo(n, r)
		for i := range resp.Events {
			resp.Events[i].Delay = 0 // the pace is TestDemoPace's business
		}
		return resp
	}))
	p := parse(t, readAll(t, post(t, s, `{"model":"demo","messages":[{"role":"user","content":"a table please"}]}`)))
	if got := strings.Join(p.contents, ""); got != DemoCorpus()[3].Text {
		t.Errorf("streamed %q", got)
	}
}
