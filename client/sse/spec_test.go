package sse

import (
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/iotest"
)

// This file holds a second oracle: the WHATWG HTML algorithm "Interpreting
// an event stream" transcribed step by step, with the standard's own
// buffers (data, event type, last event ID, reconnection time), and none of
// Reader's extensions or limits. The differential tests run both on
// generated streams and compare what each dispatches.
//
// Reader differs from the standard on purpose in three ways, which the
// comparison accounts for:
//   - an `error` field is kept (llama.cpp reports failures that way), so a
//     stream holding one is compared only where the standard is silent;
//   - lines and events have a size limit (the generated streams stay below it);
//   - bytes are passed through undecoded; the standard's UTF-8 decode only
//     replaces invalid sequences, which the JSON layer above does, and it
//     never creates or hides a line end, colon or space, so the framing of
//     invalid bytes is the same.
//
// `id` and `retry` only matter when a client reconnects, which a chat reply
// never does, so Reader does not report them; the oracle tracks them
// anyway, as the standard does, to show they never change what is dispatched.

// specEvent is one event as the standard's algorithm dispatches it.
type specEvent struct {
	typ, data, lastEventID string
}

// specResult is what interpreting a whole stream produced.
type specResult struct {
	events []specEvent
	// reconnect is the last reconnection time a retry field set, or -1.
	reconnect int
	// extension is true when the stream has a field Reader treats apart
	// from the standard (`error`).
	extension bool
}

// specInterpret runs the standard's algorithm on a complete stream.
func specInterpret(stream string) specResult {
	// "The stream must then be parsed by reading everything line by line"
	// after UTF-8 decode, which strips one leading BOM.
	stream = strings.TrimPrefix(stream, "\uFEFF")
	in := &specInterpreter{res: specResult{reconnect: -1}}
	for {
		line, rest, complete := specNextLine(stream)
		if !complete {
			// "Once the end of the file is reached, any pending data must
			// be discarded."
			return in.res
		}
		in.line(line)
		stream = rest
	}
}

// specNextLine cuts the first line off s. "Lines must be separated by either
// a U+000D CARRIAGE RETURN U+000A LINE FEED (CRLF) character pair, a single
// U+000A LINE FEED (LF) character, or a single U+000D CARRIAGE RETURN (CR)
// character." A line with no end yet is not complete.
func specNextLine(s string) (line, rest string, complete bool) {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\n':
			return s[:i], s[i+1:], true
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				return s[:i], s[i+2:], true
			}
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}

// specInterpreter holds the standard's buffers.
type specInterpreter struct {
	data, eventType, lastEventIDBuffer string
	res                                specResult
}

// line applies one line, in the order the standard lists the cases.
func (in *specInterpreter) line(line string) {
	switch {
	case line == "":
		// "If the line is empty (a blank line): Dispatch the event."
		in.dispatch()
	case line[0] == ':':
		// "If the line starts with a U+003A COLON character (:): Ignore the line."
	case strings.Contains(line, ":"):
		// "Collect the characters on the line before the first U+003A COLON
		// character (:), and let field be that string. Collect the
		// characters on the line after the first U+003A COLON character
		// (:), and let value be that string. If value starts with a U+0020
		// SPACE character, remove it from value."
		i := strings.Index(line, ":")
		in.field(line[:i], strings.TrimPrefix(line[i+1:], " "))
	default:
		// "Process the field using the steps described below, using the
		// whole line as the field name, and the empty string as the field
		// value."
		in.field(line, "")
	}
}

// field processes one field.
func (in *specInterpreter) field(name, value string) {
	switch name {
	case "event":
		// "Set the event type buffer to field value."
		in.eventType = value
	case "data":
		// "Append the field value to the data buffer, then append a single
		// U+000A LINE FEED (LF) character to the data buffer."
		in.data += value + "\n"
	case "id":
		// "If the field value does not contain U+0000 NULL, then set the
		// last event ID buffer to the field value. Otherwise, ignore the field."
		if !strings.Contains(value, "\x00") {
			in.lastEventIDBuffer = value
		}
	case "retry":
		// "If the field value consists of only ASCII digits, then interpret
		// the field value as an integer in base ten, and set the event
		// stream's reconnection time to that integer. Otherwise, ignore the field."
		if value != "" && strings.Trim(value, "0123456789") == "" {
			n := 0
			for _, c := range value {
				n = min(n*10+int(c-'0'), 1<<30) // saturate: only "was it set" matters here
			}
			in.res.reconnect = n
		}
	case "error":
		in.res.extension = true
	default:
		// "Otherwise: The field is ignored."
	}
}

// dispatch follows "When the user agent is required to dispatch the event".
func (in *specInterpreter) dispatch() {
	// 1. "Set the last event ID string of the event source to the value of
	// the last event ID buffer. The buffer does not get reset."
	lastEventID := in.lastEventIDBuffer
	// 2. "If the data buffer is an empty string, set the data buffer and the
	// event type buffer to the empty string and return."
	if in.data == "" {
		in.data, in.eventType = "", ""
		return
	}
	// 3. "If the data buffer's last character is a U+000A LINE FEED (LF)
	// character, then remove the last character from the data buffer."
	data := strings.TrimSuffix(in.data, "\n")
	// 4-5. The event's type is "message" unless the event type buffer holds
	// something else.
	typ := "message"
	if in.eventType != "" {
		typ = in.eventType
	}
	in.res.events = append(in.res.events, specEvent{typ: typ, data: data, lastEventID: lastEventID})
	// 6. "Set the data buffer and the event type buffer to the empty string."
	in.data, in.eventType = "", ""
}

// compareWithSpec reads stream with Reader (whole, byte by byte and at
// random cuts) and fails when it dispatches other events than the
// standard's algorithm. Streams with an `error` field, Reader's extension,
// are skipped.
func compareWithSpec(t *testing.T, stream string, seed uint64) {
	t.Helper()
	want := specInterpret(stream)
	if want.extension {
		return
	}
	for how, src := range map[string]io.Reader{
		"whole":         strings.NewReader(stream),
		"byte by byte":  iotest.OneByteReader(strings.NewReader(stream)),
		"random splits": randomSplits(stream, seed),
	} {
		got, err := readAll(t, src, 0)
		if err != io.EOF {
			t.Fatalf("%s: %q ended with %v, want io.EOF", how, stream, err)
		}
		if !sameAsSpec(got, want.events) {
			t.Fatalf("%s: %q\n reader   %s\n standard %s", how, stream, describe(got, nil), describeSpec(want.events))
		}
	}
}

// sameAsSpec compares Reader's events with the standard's. Reader leaves the
// type empty where the standard says "message"; callers treat both alike.
func sameAsSpec(got []Event, want []specEvent) bool {
	if len(got) != len(want) {
		return false
	}
	for i, ev := range got {
		typ := ev.Type
		if typ == "" {
			typ = "message"
		}
		if typ != want[i].typ || ev.Data != want[i].data || ev.Error != "" {
			return false
		}
	}
	return true
}

// describeSpec formats the standard's events for failure messages.
func describeSpec(events []specEvent) string {
	var b strings.Builder
	for _, ev := range events {
		fmt.Fprintf(&b, "{Type:%q Data:%q ID:%q} ", ev.typ, ev.data, ev.lastEventID)
	}
	return b.String()
}

// Pieces the stream generator combines: every form of field line the
// standard distinguishes, with empty, space-only and tab values, comments,
// blank lines and every line end, plus a BOM and bytes that are not UTF-8.
var (
	specNames = []string{"data", "event", "id", "retry", "Data", "dat", "data ", " data", "", "x", "event "}
	// specSeparators are what may come between a field's name and value.
	specSeparators = []string{"", ":", ": ", ":  ", ":\t", "::", ": :"}
	specValues     = []string{"", " ", "  ", "\t", "a", "a b", " a", "a ", "message", "10", "1x", "-1",
		"\x00", "a\x00", "[DONE]", `{"choices":[]}`, "é", "\xff", ":", "\uFEFF"}
	specEnds = []string{"\n", "\r\n", "\r", "\n\r", "\r\r\n"}
)

// genStream builds a random stream of n lines from the pieces above.
func genStream(rng *rand.Rand, n int) string {
	pick := func(s []string) string { return s[rng.IntN(len(s))] }
	var b strings.Builder
	if rng.IntN(4) == 0 {
		b.WriteString("\uFEFF")
	}
	for range n {
		switch rng.IntN(8) {
		case 0:
			b.WriteString(pick(specEnds)) // a blank line: dispatch
		case 1:
			b.WriteString(":" + pick(specValues) + pick(specEnds))
		case 2:
			b.WriteString(pick(specValues) + pick(specEnds)) // a line that is all value
		default:
			b.WriteString(pick(specNames) + pick(specSeparators) + pick(specValues) + pick(specEnds))
		}
	}
	if rng.IntN(3) > 0 {
		b.WriteString(pick(specEnds)) // most streams end their last event
	}
	return b.String()
}

func TestReaderFollowsTheStandard(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 20000 {
		compareWithSpec(t, genStream(rng, 1+rng.IntN(12)), uint64(i))
	}
}

// TestSpecOracle pins the transcription itself on the cases the standard
// spells out, so a mistake in the oracle cannot hide one in Reader.
func TestSpecOracle(t *testing.T) {
	tests := []struct {
		in   string
		want []specEvent
	}{
		{"data: a\n\n", []specEvent{{"message", "a", ""}}},
		{"data\n\n", []specEvent{{"message", "", ""}}},
		{"data\ndata\n\n", []specEvent{{"message", "\n", ""}}},
		{"event: t\n\ndata: b\n\n", []specEvent{{"message", "b", ""}}},
		{"id: 7\n\ndata: b\n\n", []specEvent{{"message", "b", "7"}}},
		{"id: 7\ndata: a\n\nid: 8\x00\ndata: b\n\n", []specEvent{{"message", "a", "7"}, {"message", "b", "7"}}},
		{"id\ndata: a\n\n", []specEvent{{"message", "a", ""}}},
		{"\uFEFFdata: a\r\rdata: b\r\n\r\n", []specEvent{{"message", "a", ""}, {"message", "b", ""}}},
		{"data: a\n", nil},
		{"data:  a\n\n", []specEvent{{"message", " a", ""}}},
		{" \n\n", nil},
	}
	for _, tt := range tests {
		got := specInterpret(tt.in).events
		if describeSpec(got) != describeSpec(tt.want) {
			t.Errorf("%q: got %s, want %s", tt.in, describeSpec(got), describeSpec(tt.want))
		}
	}
	if r := specInterpret("retry: 10\nretry: 1x\n\n").reconnect; r != 10 {
		t.Errorf("retry: got %d, want 10", r)
	}
}

// FuzzReaderSpec compares Reader with the standard's algorithm on any
// input; the seed corpus is under testdata/fuzz/FuzzReaderSpec.
func FuzzReaderSpec(f *testing.F) {
	rng := rand.New(rand.NewPCG(3, 4))
	for range 8 {
		f.Add([]byte(genStream(rng, 8)), uint64(rng.IntN(1000)))
	}
	f.Fuzz(func(t *testing.T, stream []byte, seed uint64) {
		compareWithSpec(t, string(stream), seed)
	})
}
