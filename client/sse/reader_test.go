package sse

import (
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

// ruleTest is one stream and the events it must give, ending in wantErr
// (io.EOF when nil).
type ruleTest struct {
	name    string
	in      string
	want    []Event
	wantErr error
}

// runRuleTests checks each stream whole, byte by byte, and against the
// reference parser, so every rule is also a split test.
func runRuleTests(t *testing.T, tests []ruleTest) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantErr := tt.wantErr
			if wantErr == nil {
				wantErr = io.EOF
			}
			check := func(how string, src io.Reader) {
				t.Helper()
				got, err := readAll(t, src, 0)
				if !sameOutcome(got, err, tt.want, wantErr) {
					t.Errorf("%s:\n got  %s\n want %s", how, describe(got, err), describe(tt.want, wantErr))
				}
			}
			check("whole", strings.NewReader(tt.in))
			check("byte by byte", iotest.OneByteReader(strings.NewReader(tt.in)))
			if got, err := reference(tt.in, 0); !sameOutcome(got, err, tt.want, wantErr) {
				t.Errorf("reference parser disagrees with the table:\n got  %s\n want %s",
					describe(got, err), describe(tt.want, wantErr))
			}
		})
	}
}

func TestBOM(t *testing.T) {
	runRuleTests(t, []ruleTest{
		{name: "dropped at start", in: "\uFEFFdata: a\n\n", want: []Event{{Data: "a"}}},
		{name: "dropped only once", in: "\uFEFF\uFEFFdata: a\n\ndata: b\n\n", want: []Event{{Data: "b"}}},
		{name: "kept after start", in: "data: a\n\n\uFEFFdata: b\n\n", want: []Event{{Data: "a"}}},
		{name: "BOM then blank line", in: "\uFEFF\ndata: a\n\n", want: []Event{{Data: "a"}}},
		{name: "BOM alone", in: "\uFEFF"},
		{name: "part of a BOM is not a BOM", in: "\xEF\xBBdata: a\n\n"},
		{name: "part of a BOM at EOF", in: "\xEF"},
	})
}

func TestLineEnds(t *testing.T) {
	runRuleTests(t, []ruleTest{
		{name: "LF", in: "data: a\n\n", want: []Event{{Data: "a"}}},
		{name: "CRLF", in: "data: a\r\n\r\n", want: []Event{{Data: "a"}}},
		{name: "lone CR", in: "data: a\r\rdata: b\r\r", want: []Event{{Data: "a"}, {Data: "b"}}},
		{name: "mixed in one event", in: "data: a\rdata: b\r\ndata: c\n\r\n", want: []Event{{Data: "a\nb\nc"}}},
		{name: "LF then CR is two line ends", in: "data: a\n\rdata: b\r\n\n", want: []Event{{Data: "a"}, {Data: "b"}}},
		{name: "CR CR LF is a line end and a blank line", in: "data: a\r\r\ndata: b\n\n", want: []Event{{Data: "a"}, {Data: "b"}}},
		{name: "CR at EOF ends the line only", in: "data: a\r"},
		{name: "CR at EOF is a blank line", in: "data: a\n\r", want: []Event{{Data: "a"}}},
	})
}

func TestCRLFSplitAcrossReads(t *testing.T) {
	tests := []struct {
		name   string
		chunks []string
		want   []Event
	}{
		{"CR | LF is one line end", []string{"data: a\r", "\ndata: b\r", "\n\r", "\n"}, []Event{{Data: "a\nb"}}},
		{"CR | CR LF", []string{"data: a\r", "\r\n", "data: b\n\n"}, []Event{{Data: "a"}, {Data: "b"}}},
		{"CR | empty reads | LF", []string{"data: a\r", "", "", "\n\n"}, []Event{{Data: "a"}}},
		{"blank CR | LF starts the next event", []string{"data: a\n\r", "\ndata: b\n\n"}, []Event{{Data: "a"}, {Data: "b"}}},
		{"split inside data:", []string{"da", "ta", ":", " a", "\n", "\n"}, []Event{{Data: "a"}}},
		{"split inside a UTF-8 character", []string{"data: \xE4\xB8", "\x96\n\n"}, []Event{{Data: "世"}}},
		{"split inside the BOM", []string{"\xEF", "\xBB", "\xBFdata: a\n\n"}, []Event{{Data: "a"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := readAll(t, &chunkReader{chunks: tt.chunks}, 0)
			if !sameOutcome(got, err, tt.want, io.EOF) {
				t.Errorf("got %s, want %s", describe(got, err), describe(tt.want, io.EOF))
			}
		})
	}
}

func TestComments(t *testing.T) {
	runRuleTests(t, []ruleTest{
		{name: "keep-alive only", in: ": keep-alive\n\n: keep-alive\n\n"},
		{name: "empty comment", in: ":\ndata: a\n\n", want: []Event{{Data: "a"}}},
		{name: "between data lines", in: "data: a\n: OPENROUTER PROCESSING\ndata: b\n\n", want: []Event{{Data: "a\nb"}}},
		{name: "before an event", in: ": OPENROUTER PROCESSING\n\ndata: x\n\n", want: []Event{{Data: "x"}}},
		{name: "looks like a field", in: ":data: a\n\n"},
	})
}

func TestFields(t *testing.T) {
	runRuleTests(t, []ruleTest{
		{name: "no space", in: "data:x\n\n", want: []Event{{Data: "x"}}},
		{name: "one space dropped", in: "data: x\n\n", want: []Event{{Data: "x"}}},
		{name: "second space kept", in: "data:  x\n\n", want: []Event{{Data: " x"}}},
		{name: "tab kept", in: "data:\tx\n\n", want: []Event{{Data: "\tx"}}},
		{name: "trailing space kept", in: "data: x \n\n", want: []Event{{Data: "x "}}},
		{name: "split at first colon", in: "data: a:b: c\n\n", want: []Event{{Data: "a:b: c"}}},
		{name: "no colon is an empty value", in: "data\n\n", want: []Event{{Data: ""}}},
		{name: "empty value", in: "data:\n\n", want: []Event{{Data: ""}}},
		{name: "two empty data lines", in: "data\ndata\n\n", want: []Event{{Data: "\n"}}},
		{name: "name with space is unknown", in: "data : x\n\n"},
		{name: "names are case-sensitive", in: "Data: x\nERROR: y\n\n"},
	})
}

func TestDataAndType(t *testing.T) {
	runRuleTests(t, []ruleTest{
		{name: "lines joined", in: "data: a\ndata: b\ndata: c\n\n", want: []Event{{Data: "a\nb\nc"}}},
		{name: "JSON chunk", in: "data: {\"choices\":[]}\n\n", want: []Event{{Data: `{"choices":[]}`}}},
		{name: "type", in: "event: delta\ndata: a\n\n", want: []Event{{Type: "delta", Data: "a"}}},
		{name: "last type wins", in: "event: a\nevent: b\ndata: x\n\n", want: []Event{{Type: "b", Data: "x"}}},
		{name: "type reset after dispatch", in: "event: t\ndata: a\n\ndata: b\n\n", want: []Event{{Type: "t", Data: "a"}, {Data: "b"}}},
		{name: "type reset when nothing dispatched", in: "event: t\n\ndata: b\n\n", want: []Event{{Data: "b"}}},
		{name: "empty type", in: "event\ndata: x\n\n", want: []Event{{Data: "x"}}},
		{name: "id retry unknown ignored", in: "id: 1\nretry: 10\nfoo: bar\ndata: a\n\n", want: []Event{{Data: "a"}}},
		{name: "id alone dispatches nothing", in: "id: 1\n\nretry: 5\n\n"},
		{name: "UTF-8 passes through", in: "data: héllo 世界 🎉\n\n", want: []Event{{Data: "héllo 世界 🎉"}}},
		{name: "bytes pass through", in: "data: \xff\x00\x1b[2J\n\n", want: []Event{{Data: "\xff\x00\x1b[2J"}}},
	})
}

func TestErrorField(t *testing.T) {
	runRuleTests(t, []ruleTest{
		{name: "llama.cpp error alone", in: "error: {\"code\":500,\"message\":\"boom\"}\n\n",
			want: []Event{{Error: `{"code":500,"message":"boom"}`}}},
		{name: "error lines joined", in: "error: a\nerror: b\n\n", want: []Event{{Error: "a\nb"}}},
		{name: "error with data and type", in: "event: error\ndata: d\nerror: e\n\n",
			want: []Event{{Type: "error", Data: "d", Error: "e"}}},
		{name: "error reset after dispatch", in: "error: e\n\ndata: d\n\n", want: []Event{{Error: "e"}, {Data: "d"}}},
		{name: "error cut off by EOF", in: "error: e\n"},
		{name: "errors is not error", in: "errors: e\n\n"},
	})
}

func TestDispatch(t *testing.T) {
	runRuleTests(t, []ruleTest{
		{name: "blank lines between events", in: "\n\n\ndata: a\n\n\n\ndata: b\n\n", want: []Event{{Data: "a"}, {Data: "b"}}},
		{name: "event cut off after its line", in: "data: a\n\ndata: b\n", want: []Event{{Data: "a"}}},
		{name: "event cut off mid-line", in: "data: a\n\ndata: b", want: []Event{{Data: "a"}}},
		{name: "empty stream", in: ""},
		{name: "only blank lines", in: "\n\r\n\r"},
	})
}

// errReader returns data, then err with the last bytes.
func errReader(data string, err error) io.Reader {
	return iotest.DataErrReader(io.MultiReader(strings.NewReader(data), iotest.ErrReader(err)))
}

// timeoutError stands for a network timeout the caller classifies.
type timeoutError struct{}

func (timeoutError) Error() string { return "i/o timeout" }
func (timeoutError) Timeout() bool { return true }

func TestReadErrorsPassThrough(t *testing.T) {
	boom := errors.New("connection reset")
	tests := []struct {
		name string
		src  io.Reader
		want []Event
		err  error
	}{
		{"error after events", errReader("data: a\n\ndata: cut", boom), []Event{{Data: "a"}}, boom},
		{"error with the last bytes", errReader("data: a\n\n", boom), []Event{{Data: "a"}}, boom},
		{"timeout", errReader("data: a\n\n", timeoutError{}), []Event{{Data: "a"}}, timeoutError{}},
		{"deadline", iotest.TimeoutReader(strings.NewReader("data: a\n\n")), []Event{{Data: "a"}}, iotest.ErrTimeout},
		{"unexpected EOF", errReader("data: a\n\n", io.ErrUnexpectedEOF), []Event{{Data: "a"}}, io.ErrUnexpectedEOF},
		{"stuck source", iotest.ErrReader(nil), nil, io.ErrNoProgress},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := readAll(t, tt.src, 0)
			if !sameOutcome(got, err, tt.want, tt.err) {
				t.Errorf("got %s, want %s", describe(got, err), describe(tt.want, tt.err))
			}
		})
	}
	var te interface{ Timeout() bool }
	_, err := readAll(t, errReader("", timeoutError{}), 0)
	if !errors.As(err, &te) || !te.Timeout() {
		t.Errorf("a timeout error must stay classifiable, got %#v", err)
	}
}

func TestBytesRead(t *testing.T) {
	in := "\uFEFF: hi\ndata: a\r\n\r\ndata: cut"
	r := NewReader(iotest.OneByteReader(strings.NewReader(in)))
	if _, err := r.Next(); err != nil {
		t.Fatal(err)
	}
	if got := r.BytesRead(); got < int64(strings.Index(in, "\r\n\r\n")+3) || got > int64(len(in)) {
		t.Errorf("after the first event BytesRead = %d", got)
	}
	if _, err := r.Next(); err != io.EOF {
		t.Fatalf("got %v, want EOF", err)
	}
	if got := r.BytesRead(); got != int64(len(in)) {
		t.Errorf("BytesRead = %d, want %d", got, len(in))
	}
}

func TestLongLines(t *testing.T) {
	payload := strings.Repeat("0123456789abcdef", 4<<20/16) // 4 MiB
	in := "data: " + payload + "\n\ndata: next\n\n"
	want := []Event{{Data: payload}, {Data: "next"}}
	t.Run("4 MiB at the default limit", func(t *testing.T) {
		got, err := readAll(t, strings.NewReader(in), 0)
		if err != io.EOF || len(got) != 2 || got[0].Data != payload || got[1] != want[1] {
			t.Fatalf("got %d events, err %v", len(got), err)
		}
	})
	t.Run("4 MiB in random reads", func(t *testing.T) {
		got, err := readAll(t, iotest.HalfReader(randomSplits(in, 7)), 0)
		if err != io.EOF || len(got) != 2 || got[0].Data != payload || got[1] != want[1] {
			t.Fatalf("got %d events, err %v", len(got), err)
		}
	})
}

func TestLineLimit(t *testing.T) {
	tooLong := &TooLongError{Limit: 16}
	tests := []struct {
		name string
		in   string
		want []Event
		err  error
	}{
		{"line at the limit", "data: 0123456789\n\n", []Event{{Data: "0123456789"}}, io.EOF},
		{"line past the limit", "data: a\n\ndata: 01234567890\n\ndata: b\n\n", []Event{{Data: "a"}}, tooLong},
		{"CRLF not counted", "data: 0123456789\r\n\r\n", []Event{{Data: "0123456789"}}, io.EOF},
		{"unterminated line past the limit", "data: a\n\ndata: 01234567890", []Event{{Data: "a"}}, tooLong},
		{"comment past the limit", ": 0123456789abcdef\ndata: a\n\n", nil, tooLong},
		{"event past the limit", "data: 01234\ndata: 56789\ndata: abcde\n\n", nil, &TooLongError{Limit: 16, Event: true}},
		{"event at the limit", "data: 0123456\nerror: abcdefg\n\n", []Event{{Data: "0123456", Error: "abcdefg"}}, io.EOF},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for how, src := range map[string]io.Reader{
				"whole":        strings.NewReader(tt.in),
				"byte by byte": iotest.OneByteReader(strings.NewReader(tt.in)),
			} {
				got, err := readAll(t, src, 16)
				if !sameOutcome(got, err, tt.want, tt.err) {
					t.Errorf("%s: got %s, want %s", how, describe(got, err), describe(tt.want, tt.err))
				}
				if tt.err != io.EOF && !errors.Is(err, ErrLineTooLong) {
					t.Errorf("%s: %v does not match ErrLineTooLong", how, err)
				}
			}
		})
	}
}

// endless is a source that never ends and never sends a line end.
type endless struct{}

func (endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	return len(p), nil
}

func TestMemoryBoundedByLimit(t *testing.T) {
	const limit = 1 << 20
	r := NewReader(io.MultiReader(strings.NewReader("data: "), endless{}))
	r.SetMaxLineSize(limit)
	_, err := r.Next()
	if !errors.Is(err, ErrLineTooLong) {
		t.Fatalf("got %v, want ErrLineTooLong", err)
	}
	if cap(r.buf) > limit+1 {
		t.Errorf("buffer grew to %d bytes past a %d-byte limit", cap(r.buf), limit)
	}
	if r.BytesRead() > 2*limit {
		t.Errorf("read %d bytes before giving up on a %d-byte limit", r.BytesRead(), limit)
	}
}

func TestDefaultLimitError(t *testing.T) {
	r := NewReader(io.MultiReader(strings.NewReader("data: "), io.LimitReader(endless{}, DefaultMaxLineSize+1)))
	_, err := r.Next()
	if got, want := err.Error(), "server sent an event line longer than 8 MiB"; got != want {
		t.Errorf("error %q, want %q", got, want)
	}
	if !errors.Is(err, ErrLineTooLong) {
		t.Errorf("%v does not match ErrLineTooLong", err)
	}
}

func TestSetMaxLineSize(t *testing.T) {
	r := NewReader(strings.NewReader(""))
	r.SetMaxLineSize(0)
	if r.max != DefaultMaxLineSize {
		t.Errorf("SetMaxLineSize(0) set %d, want the default", r.max)
	}
	r.SetMaxLineSize(1 << 62)
	if r.max != 1<<62 {
		t.Errorf("SetMaxLineSize(1<<62) set %d", r.max)
	}
	// The smallest limits still drop a BOM and read lines.
	got, err := readAll(t, iotest.OneByteReader(strings.NewReader("\uFEFFa\n\nx\n")), 1)
	if !sameOutcome(got, err, nil, io.EOF) {
		t.Errorf("limit 1: %s", describe(got, err))
	}
	got, err = readAll(t, iotest.OneByteReader(strings.NewReader("\uFEFFdata\n\ndata: x\n\n")), 4)
	if want := []Event{{}}; !sameOutcome(got, err, want, &TooLongError{Limit: 4}) {
		t.Errorf("limit 4: %s", describe(got, err))
	}
}

func TestTooLongErrorMessage(t *testing.T) {
	tests := []struct {
		err  TooLongError
		want string
	}{
		{TooLongError{Limit: 8 << 20}, "server sent an event line longer than 8 MiB"},
		{TooLongError{Limit: 3 << 19}, "server sent an event line longer than 1.5 MiB"},
		{TooLongError{Limit: 64 << 10, Event: true}, "server sent an event longer than 64 KiB"},
		{TooLongError{Limit: 2 << 30}, "server sent an event line longer than 2 GiB"},
		{TooLongError{Limit: 1000}, "server sent an event line longer than 1000 bytes"},
		{TooLongError{Limit: 1}, "server sent an event line longer than 1 byte"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.err, got, tt.want)
		}
	}
}

// corpus is the set of streams the split tests feed in every way.
var corpus = []string{
	"",
	"data: a\n\n",
	"\uFEFFdata: a\r\n\r\n",
	"\uFEFF\uFEFFdata: a\n\ndata: b\n\n",
	"data: a\rdata: b\r\ndata: c\n\r\n",
	"data: a\r\r\ndata: b\r\r\r\n\n\r",
	": keep-alive\n\n: OPENROUTER PROCESSING\r\ndata: x\r\r",
	"event: delta\ndata: {\"choices\":[{\"delta\":{\"content\":\"héllo 世界 🎉\"}}]}\n\n",
	"data: line one\ndata: line two\ndata:  three\ndata\n\n",
	"error: {\"code\":500,\"message\":\"boom\"}\n\nevent: error\ndata: {}\nerror: x\nerror: y\r\n\r\n",
	"id: 1\nretry: 5\nfoo\n:bar\nevent: t\n\ndata: after\n\n",
	"data: a\n\ndata: cut off",
	"data: a\n\ndata: cut off\r",
	"data: a\n\nerror: cut\n",
	"data: 😀😀😀\rdata: 日本語\r\n\n",
	strings.Repeat("data: {\"id\":\"chatcmpl-x\",\"choices\":[{\"delta\":{\"content\":\"tok \"}}]}\n\n", 50) + "data: [DONE]\n\n",
	"data: " + strings.Repeat("long ", 20000) + "\r\n\r\n",
}

func TestSplitInvariance(t *testing.T) {
	for _, limit := range []int{0, 24} {
		for i, in := range corpus {
			wantEv, wantErr := reference(in, limit)
			check := func(how string, src io.Reader) {
				t.Helper()
				got, err := readAll(t, src, limit)
				if !sameOutcome(got, err, wantEv, wantErr) {
					t.Errorf("limit %d, stream %d, %s:\n got  %s\n want %s",
						limit, i, how, describe(got, err), describe(wantEv, wantErr))
				}
			}
			check("whole", strings.NewReader(in))
			check("byte by byte", iotest.OneByteReader(strings.NewReader(in)))
			check("halves", iotest.HalfReader(strings.NewReader(in)))
			check("data with EOF", iotest.DataErrReader(strings.NewReader(in)))
			for seed := range uint64(8) {
				check("random splits", randomSplits(in, seed))
			}
		}
	}
}
