package client

import (
	"strings"
	"testing"
)

// splitResult is what a consumer of the splitter ends up with.
type splitResult struct {
	reasoning, answer string
	reclassified      bool
}

// runSplitter feeds chunks to a new splitter and applies its pieces as the
// client's caller does: a reclassify moves the answer so far into the
// reasoning. It fails the test on a piece no caller should see.
func runSplitter(t testing.TB, chunks []string, noLateClose bool) splitResult {
	t.Helper()
	var s thinkSplitter
	if noLateClose {
		s.fieldReasoning()
	}
	var r splitResult
	// decided is set once the splitter said no reclassify can come.
	decided := false
	apply := func(ps []piece) {
		for _, p := range ps {
			switch p.kind {
			case EventText:
				r.answer += p.text
			case EventReasoning:
				r.reasoning += p.text
			case EventReclassify:
				if decided {
					t.Fatalf("chunks %q: reclassify after mayReclassify said none can come", chunks)
				}
				if r.answer == "" || r.reclassified || p.text != "" {
					t.Fatalf("chunks %q: reclassify with answer %q, piece %q, twice %v", chunks, r.answer, p.text, r.reclassified)
				}
				r.reasoning, r.answer, r.reclassified = r.reasoning+r.answer, "", true
				continue
			}
			if p.text == "" {
				t.Fatalf("chunks %q: empty piece of kind %d", chunks, p.kind)
			}
		}
	}
	for _, c := range chunks {
		apply(s.feed(c))
		decided = decided || !s.mayReclassify()
		// Only white space before the first visible byte and the start of
		// a tag may wait for more input.
		held := s.held
		if s.state == thinkStart {
			held = strings.TrimLeft(held, " \t\r\n")
		}
		if len(held) >= len("</thinking>") {
			t.Fatalf("chunks %q: holds %q", chunks, s.held)
		}
	}
	apply(s.flush())
	return r
}

// splitWhole applies the rules written in think.go to a whole content at
// once, the plain way: the oracle for the streaming splitter.
func splitWhole(c string, noLateClose bool) splitResult {
	const ws = " \t\r\n"
	first := func(s string, tags ...string) (int, string) {
		best, which := -1, ""
		for _, t := range tags {
			if i := strings.Index(s, t); i >= 0 && (best < 0 || i < best) {
				best, which = i, t
			}
		}
		return best, which
	}
	lead := strings.TrimLeft(c, ws)
	for _, tag := range []string{"<think>", "<thinking>"} {
		if body, ok := strings.CutPrefix(lead, tag); ok {
			body = strings.TrimLeft(body, ws)
			i, ct := first(body, "</think>", "</thinking>")
			if i < 0 {
				return splitResult{reasoning: body}
			}
			return splitResult{reasoning: body[:i], answer: strings.TrimLeft(body[i+len(ct):], ws)}
		}
	}
	i, ct := first(c, "</think>", "</thinking>")
	j, _ := first(c, "<think>", "<thinking>")
	if noLateClose || i < 0 || (j >= 0 && j < i) || (i > 0 && c[i-1] == '`') || i > lateCloseWindow {
		return splitResult{answer: c}
	}
	// Whether a reclassify comes depends on how the content was cut (the
	// text before the tag may have gone out already); the result does not.
	return splitResult{reasoning: c[:i], answer: strings.TrimLeft(c[i+len(ct):], ws)}
}

func TestThinkSplitter(t *testing.T) {
	tests := []struct {
		name        string
		chunks      []string
		noLateClose bool
		want        splitResult
	}{
		{"no tags", []string{"Hello", " world"}, false, splitResult{answer: "Hello world"}},
		{"block then answer", []string{"<think>plan</think>Answer"}, false, splitResult{reasoning: "plan", answer: "Answer"}},
		{"thinking spelling", []string{"<thinking>plan</thinking>\n\nAnswer"}, false, splitResult{reasoning: "plan", answer: "Answer"}},
		{"mixed spellings", []string{"<thinking>plan</think>A"}, false, splitResult{reasoning: "plan", answer: "A"}},
		{"leading white space", []string{"\n\n", "  <think>\nplan\n</think>\n\nA"}, false, splitResult{reasoning: "plan\n", answer: "A"}},
		{"tags cut everywhere", []string{"<", "th", "ink", ">p", "l", "an<", "/", "thi", "nk", ">", "A"}, false,
			splitResult{reasoning: "plan", answer: "A"}},
		{"empty block", []string{"<think>\n\n</think>\n\nA"}, false, splitResult{answer: "A"}},
		{"unclosed block", []string{"<think>still thinking </thi"}, false, splitResult{reasoning: "still thinking </thi"}},
		{"tag later is a mention", []string{"Use <think>x</think> tags."}, false, splitResult{answer: "Use <think>x</think> tags."}},
		{"tag after the block is a mention", []string{"<think>p</think>A <think>b</think>"}, false,
			splitResult{reasoning: "p", answer: "A <think>b</think>"}},
		{"not a tag", []string{"<thinker> hi"}, false, splitResult{answer: "<thinker> hi"}},
		{"lone angle bracket", []string{"a <", " b"}, false, splitResult{answer: "a < b"}},
		{"partial tag at the end", []string{"see <thi"}, false, splitResult{answer: "see <thi"}},
		{"only white space", []string{" \n"}, false, splitResult{answer: " \n"}},
		{"R1 without opening tag", []string{"Okay, the user", " wants 4.\n</th", "ink>\n\nIt is 4."}, false,
			splitResult{reasoning: "Okay, the user wants 4.\n", answer: "It is 4.", reclassified: true}},
		{"R1 close in the first chunk", []string{"plan</think>A"}, false, splitResult{reasoning: "plan", answer: "A"}},
		{"late close after field reasoning", []string{"text</think>more"}, true, splitResult{answer: "text</think>more"}},
		{"late close in backticks", []string{"write `</think>` to end"}, false, splitResult{answer: "write `</think>` to end"}},
		{"backtick in the previous chunk", []string{"write `", "</think>`"}, false, splitResult{answer: "write `</think>`"}},
		{"opening tag mentioned first", []string{"a <think> b </think> c"}, false, splitResult{answer: "a <think> b </think> c"}},
		{"block still opens after field reasoning", []string{"<think>p</think>A"}, true, splitResult{reasoning: "p", answer: "A"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := runSplitter(t, tt.chunks, tt.noLateClose); got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
			want := tt.want
			want.reclassified = false
			if got := splitWhole(strings.Join(tt.chunks, ""), tt.noLateClose); got != want {
				t.Errorf("the oracle disagrees: %+v", got)
			}
		})
	}
}

func TestThinkSplitterWindow(t *testing.T) {
	long := strings.Repeat("a", lateCloseWindow)
	if got := runSplitter(t, []string{long, "</think>b"}, false); got.answer != "b" || !got.reclassified {
		t.Errorf("a closing tag at the window's end is not taken: answer %q", got.answer[:min(len(got.answer), 20)])
	}
	if got := runSplitter(t, []string{long + "a", "</think>b"}, false); got.answer != long+"a</think>b" {
		t.Errorf("a closing tag past the window is taken")
	}
}

// cutAt cuts s at the positions given by cuts, each taken modulo what is
// left, so that any fuzzed bytes give a valid chunking.
func cutAt(s string, cuts []byte) []string {
	var chunks []string
	for _, c := range cuts {
		if s == "" {
			break
		}
		n := int(c) % (len(s) + 1)
		chunks = append(chunks, s[:n])
		s = s[n:]
	}
	return append(chunks, s)
}

// FuzzThinkSplitter checks split invariance: whatever the chunking, the
// reasoning and the answer are those of the whole content, as the oracle
// computes them, and nothing is held back but white space and a tag start.
func FuzzThinkSplitter(f *testing.F) {
	for _, s := range []string{
		"<think>plan</think>answer", " \n<thinking>\nplan</thinking>\n answer", "plan\n</think>\n\nanswer",
		"a `</think>` b", "a <think> b </think>", "<think>unclosed </thin", "<thinker>", "<", "</", "\n\n",
		"<think></think>", "x</thinking>y</think>z", "<think>a<think>b</think>c</think>",
	} {
		f.Add(s, []byte{1, 3, 2}, false)
		f.Add(s, []byte{0, 5}, true)
	}
	f.Fuzz(func(t *testing.T, content string, cuts []byte, noLateClose bool) {
		want := splitWhole(content, noLateClose)
		if got := runSplitter(t, []string{content}, noLateClose); got.reasoning != want.reasoning || got.answer != want.answer {
			t.Fatalf("%q whole: got %+v, want %+v", content, got, want)
		}
		chunks := cutAt(content, cuts)
		if got := runSplitter(t, chunks, noLateClose); got.reasoning != want.reasoning || got.answer != want.answer {
			t.Fatalf("%q cut as %q: got %+v, want %+v", content, chunks, got, want)
		}
		bytes := cutAt(content, []byte(strings.Repeat("\x01", len(content))))
		if got := runSplitter(t, bytes, noLateClose); got.reasoning != want.reasoning || got.answer != want.answer {
			t.Fatalf("%q byte by byte: got %+v, want %+v", content, got, want)
		}
	})
}
