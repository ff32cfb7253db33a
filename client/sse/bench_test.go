package sse

import (
	"io"
	"strings"
	"testing"
)

// openAIChunk is a typical chat-completions content chunk as sent on the wire.
const openAIChunk = `data: {"id":"chatcmpl-x","object":"chat.completion.chunk","created":1,"model":"gpt-4","choices":[{"index":0,"delta":{"content":"tok "},"finish_reason":null}]}` + "\n\n"

// repeatReader sends its pattern over and over, filling each read as a busy
// connection would.
type repeatReader struct {
	pattern string
	off     int
}

func (r *repeatReader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		c := copy(p[n:], r.pattern[r.off:])
		n += c
		r.off = (r.off + c) % len(r.pattern)
	}
	return n, nil
}

// BenchmarkReader measures one event per operation, so allocs/op is the
// cost of one event and MB/s the reader's throughput.
func BenchmarkReader(b *testing.B) {
	cases := []struct {
		name   string
		stream string
	}{
		{"openai-chunk", openAIChunk},
		{"openai-chunk-crlf", strings.ReplaceAll(openAIChunk, "\n", "\r\n")},
		{"typed-with-comment", ": keep-alive\nevent: delta\n" + openAIChunk},
		{"256KiB-line", "data: " + strings.Repeat("x", 256<<10) + "\n\n"},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			r := NewReader(&repeatReader{pattern: c.stream})
			b.SetBytes(int64(len(c.stream)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := r.Next(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkReaderStream reads a whole reply of 1000 chunks from a fresh
// Reader per operation, so the Reader's own setup is counted too.
func BenchmarkReaderStream(b *testing.B) {
	stream := strings.Repeat(openAIChunk, 1000) + "data: [DONE]\n\n"
	b.SetBytes(int64(len(stream)))
	b.ReportAllocs()
	for b.Loop() {
		r := NewReader(strings.NewReader(stream))
		for {
			if _, err := r.Next(); err == io.EOF {
				break
			} else if err != nil {
				b.Fatal(err)
			}
		}
	}
}
