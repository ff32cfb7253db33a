package session

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/lockchat/lockchat/client/sanitize"
)

// This file holds the work of the command-line subcommands (ls, search,
// export, rm, rename), each writing to an io.Writer, so that main.go only
// wires flags to them. Text output is sanitised for the terminal; JSON
// output is exact.

// The export formats Export accepts.
const (
	FormatMarkdown = "md"
	FormatJSON     = "json"
)

// listTime is how ls and search show times, in local time.
const listTime = "2006-01-02 15:04"

// PrintList writes every conversation, newest first: as a table (the
// shortest unique prefix of its ID, updated, message count, models, title)
// or, with asJSON, as a JSON array of Conversation with full IDs.
func (s *Store) PrintList(w io.Writer, asJSON bool) error {
	convs, err := s.List(0, 0)
	if err != nil {
		return err
	}
	if asJSON {
		return writeJSON(w, nonNil(convs))
	}
	if len(convs) == 0 {
		_, err := fmt.Fprintln(w, "No conversations yet.")
		return err
	}
	ids := make([]string, len(convs))
	for i, c := range convs {
		ids[i] = c.ID
	}
	short := uniquePrefixes(ids) // every conversation is listed: the prefixes are unique in the store
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tUPDATED\tMSGS\tMODELS\tTITLE")
	for _, c := range convs {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\n", short[c.ID], s.localTime(c.Updated), c.MessageCount,
			cell(strings.Join(c.Models, ", ")), cell(c.Title))
	}
	return tw.Flush()
}

// PrintSearch writes the messages matching query (see Search), best first:
// a line naming the conversation, role and time, then the snippet indented;
// or, with asJSON, a JSON array of Hit.
func (s *Store) PrintSearch(w io.Writer, query string, asJSON bool) error {
	hits, err := s.Search(query, 0)
	if err != nil {
		return err
	}
	if asJSON {
		return writeJSON(w, nonNil(hits))
	}
	if len(hits) == 0 {
		_, err := fmt.Fprintf(w, "No messages match %s.\n", sanitize.Line(query))
		return err
	}
	for _, h := range hits {
		if _, err := fmt.Fprintf(w, "%s  %s  %s %s  %s\n    %s\n", h.ConversationID, cell(h.Title),
			h.Role, h.MessageID, s.localTime(h.Created), squeeze(h.Snippet)); err != nil {
			return err
		}
	}
	return nil
}

// Export writes the conversation ref names (see Resolve) in format (md or
// json; "" means md). To write to a file as -o should (atomically for a
// regular file, in place for a device or FIFO), call it inside WriteOutput:
//
//	session.WriteOutput(out, func(w io.Writer) error { return s.Export(w, ref, format) })
func (s *Store) Export(w io.Writer, ref, format string) error {
	var export func(io.Writer, Conversation, []Message) error
	switch format {
	case "", FormatMarkdown, "markdown":
		export = ExportMarkdown
	case FormatJSON:
		export = ExportJSON
	default:
		return fmt.Errorf("%w: unknown export format %q; use md or json", ErrInvalid, format)
	}
	id, err := s.Resolve(ref)
	if err != nil {
		return err
	}
	conv, msgs, err := s.Load(id)
	if err != nil {
		return err
	}
	return export(w, conv, msgs)
}

// PrintRemove deletes the conversation ref names and says which it was.
func (s *Store) PrintRemove(w io.Writer, ref string) error {
	c, err := s.resolveConversation(ref)
	if err != nil {
		return err
	}
	if err := s.Delete(c.ID); err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "Removed %s (%s).\n", c.ID, describeTitle(c.Title))
	return err
}

// PrintRename retitles the conversation ref names and says so.
func (s *Store) PrintRename(w io.Writer, ref, title string) error {
	c, err := s.resolveConversation(ref)
	if err != nil {
		return err
	}
	if err := s.Rename(c.ID, title); err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "Renamed %s to %s.\n", c.ID, describeTitle(oneLine(title, 0)))
	return err
}

func (s *Store) resolveConversation(ref string) (Conversation, error) {
	id, err := s.Resolve(ref)
	if err != nil {
		return Conversation{}, err
	}
	return s.Conversation(id)
}

func describeTitle(title string) string {
	if title == "" {
		return "untitled"
	}
	return "“" + sanitize.Line(title) + "”"
}

// cell makes text safe for one tab-separated table cell.
func cell(s string) string {
	if s == "" {
		return "-"
	}
	return strings.ReplaceAll(sanitize.Line(s), "\t", " ")
}

// squeeze makes a snippet one terminal-safe line with single spaces.
func squeeze(s string) string {
	return strings.Join(strings.Fields(sanitize.Line(s)), " ")
}

func (s *Store) localTime(t time.Time) string { return t.In(s.loc).Format(listTime) }

// nonNil makes an empty result encode as [] rather than null.
func nonNil[T any](v []T) []T {
	if v == nil {
		return []T{}
	}
	return v
}
