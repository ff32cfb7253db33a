// Package exact counts how many tokens a text costs a model, locally and
// without the network: the o200k_base tables (OpenAI's encoding for the
// gpt-4o and o-series families) are compiled into the program and read on
// first use. For OpenAI's models the count is exact; for other families
// (Llama, Qwen, Mistral, Claude…) it is a close estimate, since their
// tokenizers split text much the same way.
//
// It is a package of its own, apart from tokens.Estimate, so that a
// program that only estimates does not link the tables: they are 7 MB of
// the binary.
package exact

import (
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/pkoukk/tiktoken-go"
	tiktoken_loader "github.com/pkoukk/tiktoken-go-loader"

	"github.com/lockchat/lockchat/client/tokens"
)

// encoder builds the o200k_base encoder once, on first use: reading its
// 200,000-entry table costs a noticeable fraction of a second and tens of
// megabytes, which a run that never counts should not pay at start-up.
var encoder = sync.OnceValue(func() *tiktoken.Tiktoken {
	loaded.Store(true)
	tiktoken.SetBpeLoader(tiktoken_loader.NewOfflineLoader())
	enc, err := tiktoken.GetEncoding("o200k_base")
	if err != nil {
		return nil
	}
	return enc
})

// loaded records that the tables were read, for the test that start-up
// does not read them.
var loaded atomic.Bool

// Warm loads the tables now, so that the first Count does not wait for
// them. Front ends call it from a background command after start-up.
func Warm() { encoder() }

// Count returns the number of o200k_base tokens in text. Special-token
// spellings such as "<|endoftext|>" count as the ordinary text they are.
// It is safe for concurrent use; the first call loads the tables.
func Count(text string) int {
	if text == "" {
		return 0
	}
	enc := encoder()
	if enc == nil {
		return tokens.Estimate(text)
	}
	n := 0
	for len(text) > 0 {
		cut := chunkEnd(text)
		n += len(enc.EncodeOrdinary(text[:cut]))
		text = text[cut:]
	}
	return n
}

// The encoder merges each word-like piece in time quadratic in its
// length, so a long run without a break (a line of 100,000 "=" or
// spaces) would take seconds. Text is therefore fed in chunks that end
// where a piece ends anyway (a word followed by a space or punctuation),
// looked for once a chunk holds softChunk bytes; a run that offers no
// such place is cut at hardChunk, which costs at most a token per cut.
const (
	softChunk = 512
	hardChunk = 1024
)

// chunkEnd returns the length of the first chunk of text.
func chunkEnd(text string) int {
	if len(text) <= hardChunk {
		return len(text)
	}
	i := runeStart(text, softChunk)
	prev, _ := utf8.DecodeLastRuneInString(text[:i])
	for i < hardChunk {
		r, size := utf8.DecodeRuneInString(text[i:])
		if isWord(prev) && !isWord(r) {
			return i
		}
		prev = r
		i += size
	}
	return runeStart(text, hardChunk)
}

// runeStart moves i back to the start of the rune it falls in; in text
// that is not UTF-8 it moves back three bytes at most, so a chunk is never
// empty.
func runeStart(text string, i int) int {
	for k := 1; k < utf8.UTFMax && !utf8.RuneStart(text[i]); k++ {
		i--
	}
	return i
}

func isWord(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
}
