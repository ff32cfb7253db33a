package sse

import (
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

// FuzzReader checks that no input panics the reader and that the events and
// the final error do not depend on how the input is split into reads: the
// stream is fed whole, byte by byte and cut at the fuzzed sizes, and all
// three must agree with the reference parser. limit is the line limit
// (0 for the default), so small limits exercise the too-long paths.
func FuzzReader(f *testing.F) {
	for _, in := range corpus {
		f.Add([]byte(in), []byte{3, 1, 0, 7}, uint16(0))
	}
	f.Add([]byte("data: 0123456789\r\n\r\n"), []byte{16, 1}, uint16(10))
	f.Fuzz(func(t *testing.T, stream, cuts []byte, limit uint16) {
		in := string(stream)
		sizes := make([]int, len(cuts))
		for i, c := range cuts {
			sizes[i] = int(c)
		}
		wantEv, wantErr := reference(in, int(limit))
		for how, src := range map[string]func() *Reader{
			"whole":        func() *Reader { return NewReader(strings.NewReader(in)) },
			"byte by byte": func() *Reader { return NewReader(iotest.OneByteReader(strings.NewReader(in))) },
			"fuzzed cuts":  func() *Reader { return NewReader(splitAt(in, sizes)) },
		} {
			r := src()
			if limit > 0 {
				r.SetMaxLineSize(int(limit))
			}
			got, err := readEvents(t, r)
			if !sameOutcome(got, err, wantEv, wantErr) {
				t.Fatalf("%s:\n got  %s\n want %s", how, describe(got, err), describe(wantEv, wantErr))
			}
			if wantErr == io.EOF && r.BytesRead() != int64(len(in)) {
				t.Fatalf("%s: BytesRead %d at EOF, want %d", how, r.BytesRead(), len(in))
			}
		}
	})
}
