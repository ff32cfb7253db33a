package client

import (
	"errors"
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/lockchat/lockchat/client/sse"
)

// benchChunk is a typical OpenAI content chunk as sent on the wire.
const benchChunk = `data: {"id":"chatcmpl-9xYz","object":"chat.completion.chunk","created":1717000000,"model":"gpt-4o-2024-08-06","system_fingerprint":"fp_abc123","choices":[{"index":0,"delta":{"content":" token"},"logprobs":null,"finish_reason":null}]}` + "\n\n"

// BenchmarkDecode measures framing and decoding together: one reply of
// 1000 content chunks per operation through sse.Reader and decodeEvent.
func BenchmarkDecode(b *testing.B) {
	const chunks = 1000
	stream := strings.Repeat(benchChunk, chunks) + "data: [DONE]\n\n"
	b.SetBytes(int64(len(stream)))
	b.ReportAllocs()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	ops := 0
	for b.Loop() {
		ops++
		rd := sse.NewReader(strings.NewReader(stream))
		n := 0
		for {
			ev, err := rd.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			d, err := decodeEvent(ev)
			if err != nil {
				b.Fatal(err)
			}
			n += len(d.text)
		}
		if n != chunks*len(" token") {
			b.Fatalf("decoded %d bytes of text", n)
		}
	}
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/float64(ops*chunks), "allocs/chunk")
}

// reasoningChunk is a DeepSeek-style reasoning chunk as sent on the wire.
const reasoningChunk = `data: {"id":"5b3a1f0e","object":"chat.completion.chunk","created":1767225600,"model":"deepseek-reasoner","system_fingerprint":"fp_7e0991cad4","choices":[{"index":0,"delta":{"content":null,"reasoning_content":" token"},"logprobs":null,"finish_reason":null}]}` + "\n\n"

// BenchmarkDecodeReasoning is BenchmarkDecode for a reply of 500
// reasoning chunks and 500 content chunks, with the content going through
// the <think> splitter as on a real stream: reasoning must cost what
// content costs.
func BenchmarkDecodeReasoning(b *testing.B) {
	const chunks = 1000
	stream := strings.Repeat(reasoningChunk, chunks/2) + strings.Repeat(benchChunk, chunks/2) + "data: [DONE]\n\n"
	b.SetBytes(int64(len(stream)))
	b.ReportAllocs()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	ops := 0
	for b.Loop() {
		ops++
		rd := sse.NewReader(strings.NewReader(stream))
		var think thinkSplitter
		n := 0
		for {
			ev, err := rd.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			d, err := decodeEvent(ev)
			if err != nil {
				b.Fatal(err)
			}
			if d.reasoning != "" {
				think.fieldReasoning()
				n += len(d.reasoning)
			}
			for _, p := range think.feed(d.text) {
				n += len(p.text)
			}
		}
		if n != chunks*len(" token") {
			b.Fatalf("decoded %d bytes of text", n)
		}
	}
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/float64(ops*chunks), "allocs/chunk")
}
