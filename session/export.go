package session

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/lockchat/lockchat/client/sanitize"
)

// ExportMarkdown writes a conversation as Markdown: YAML front matter
// (title, provider, models, created, updated), the system prompt if any,
// then one heading per message of the branch in use with its role, model
// and time (UTC); a line says how many other branches there are (the JSON
// export holds them all). A reply's reasoning comes first, as a quoted
// "Thinking" block, and the headings a message holds are moved below its
// own heading level so that the structure reads. Text is sanitised of
// terminal controls (sanitize.Text), so the file is safe to cat; replies
// that did not complete carry a note saying why.
func ExportMarkdown(w io.Writer, conv Conversation, msgs []Message) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "---\ntitle: %s\nprovider: %s\nmodels: [", yamlQuote(conv.Title), yamlQuote(conv.Provider))
	for i, m := range conv.Models {
		if i > 0 {
			bw.WriteString(", ")
		}
		bw.WriteString(yamlQuote(m))
	}
	fmt.Fprintf(bw, "]\ncreated: %s\nupdated: %s\n---\n", stamp(conv.Created), stamp(conv.Updated))
	tree := NewTree(msgs)
	if n := tree.Branches() - 1; n > 0 {
		fmt.Fprintf(bw, "\n> This conversation has %d other %s; this file follows the one in use (the JSON export holds them all).\n",
			n, plural(n, "branch", "branches"))
	}
	if conv.SystemPrompt != "" {
		writeSection(bw, "System", conv.SystemPrompt)
	}
	for _, m := range tree.Path(conv.LeafID) {
		heading := roleName(m.Role)
		if m.Model != "" {
			heading += " · " + sanitize.Line(m.Model)
		}
		heading += " · " + m.Created.UTC().Format("2006-01-02 15:04:05 UTC")
		fmt.Fprintf(bw, "\n## %s\n", heading)
		if m.Reasoning != "" {
			writeThinking(bw, m)
		}
		writeBody(bw, m.Content)
		if len(m.Attachments) > 0 {
			bw.WriteString("\n" + sanitize.Text(attachmentLines(m.Attachments)))
		}
		if note := statusNote(m); note != "" {
			fmt.Fprintf(bw, "\n> %s\n", note)
		}
	}
	return bw.Flush()
}

func writeSection(w *bufio.Writer, heading, text string) {
	fmt.Fprintf(w, "\n## %s\n", heading)
	writeBody(w, text)
}

// writeBody writes a message's text, sanitised, with its headings shifted
// below the message's own level.
func writeBody(w *bufio.Writer, text string) {
	text = shiftHeadings(sanitize.Text(text))
	w.WriteByte('\n')
	w.WriteString(text)
	if !strings.HasSuffix(text, "\n") {
		w.WriteByte('\n')
	}
}

// writeThinking writes a reply's reasoning as a quoted block.
func writeThinking(w *bufio.Writer, m Message) {
	title := "> **Thinking**"
	if m.ReasoningMillis > 0 {
		title += fmt.Sprintf(" (%s)", (time.Duration(m.ReasoningMillis) * time.Millisecond).Round(time.Second))
	}
	w.WriteString("\n" + title + "\n>\n")
	for line := range strings.Lines(strings.TrimRight(sanitize.Text(m.Reasoning), "\n")) {
		line = strings.TrimRight(line, "\n")
		if line == "" {
			w.WriteString(">\n")
			continue
		}
		w.WriteString("> " + line + "\n")
	}
}

// shiftHeadings moves every ATX heading outside code fences two levels
// down (# becomes ###, at most ######): a message sits under a level-2
// heading of its own.
func shiftHeadings(text string) string {
	var b strings.Builder
	fence := ""
	for line := range strings.Lines(text) {
		trimmed := strings.TrimLeft(line, " ")
		switch {
		case fence != "":
			if strings.HasPrefix(trimmed, fence) {
				fence = ""
			}
		case strings.HasPrefix(trimmed, "```"), strings.HasPrefix(trimmed, "~~~"):
			fence = trimmed[:3]
		case len(line)-len(trimmed) < 4 && isHeading(trimmed):
			level := len(trimmed) - len(strings.TrimLeft(trimmed, "#"))
			line = strings.Repeat("#", min(level+2, 6)) + trimmed[level:]
		}
		b.WriteString(line)
	}
	return b.String()
}

// isHeading reports whether line opens an ATX heading: 1 to 6 #, then a
// space, a tab or the end of the line.
func isHeading(line string) bool {
	n := len(line) - len(strings.TrimLeft(line, "#"))
	if n == 0 || n > 6 {
		return false
	}
	rest := line[n:]
	return rest == "" || rest[0] == ' ' || rest[0] == '\t' || rest[0] == '\n' || rest[0] == '\r'
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func roleName(role string) string {
	r := sanitize.Line(role)
	if r == "" {
		return "Unknown"
	}
	first, size := utf8.DecodeRuneInString(r)
	return string(unicode.ToUpper(first)) + r[size:]
}

// statusNote says why a reply is not complete, for the reader of an export.
func statusNote(m Message) string {
	switch m.Status {
	case StatusStopped:
		return "*Stopped:* the reply was interrupted; the text above is what arrived."
	case StatusTruncated:
		return "*Cut off:* the server ended the stream before the reply was finished; the text above is what arrived."
	case StatusStreaming:
		return "*Unfinished:* the reply was still arriving when this was exported."
	case StatusError:
		if m.ErrorText == "" {
			return "*Error:* the reply failed."
		}
		return "*Error:* " + sanitize.Line(m.ErrorText)
	}
	return ""
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// yamlQuote returns s as a YAML double-quoted scalar, sanitised for the
// terminal first. Escaping every backslash, quote and non-printing
// character means no title can end the string or the front matter.
func yamlQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range sanitize.Line(s) {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "\\x%02x", r)
		case !unicode.IsPrint(r) && r != ' ':
			fmt.Fprintf(&b, "\\u%04x", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// ExportFormat names the version of the JSON export's layout.
const ExportFormat = "lockchat-conversation/1"

// jsonExport is the layout ExportJSON writes.
type jsonExport struct {
	Format       string       `json:"format"`
	Conversation Conversation `json:"conversation"`
	Messages     []Message    `json:"messages"`
}

// ExportJSON writes a conversation losslessly as indented JSON: every field
// of the conversation and its messages, text exactly as received, times in
// UTC with millisecond precision.
func ExportJSON(w io.Writer, conv Conversation, msgs []Message) error {
	conv.Created, conv.Updated = conv.Created.UTC(), conv.Updated.UTC()
	if conv.Models == nil {
		conv.Models = []string{}
	}
	out := make([]Message, len(msgs))
	for i, m := range msgs {
		m.Created = m.Created.UTC()
		out[i] = m
	}
	return writeJSON(w, jsonExport{Format: ExportFormat, Conversation: conv, Messages: out})
}
