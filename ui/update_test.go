package ui

import (
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/lockchat/lockchat/client"
	"github.com/lockchat/lockchat/client/clienttest"
	"github.com/lockchat/lockchat/session"
)

func TestStaleChunksAreDropped(t *testing.T) {
	clk := newTestClock()
	m := newSized(t, testOptions(clk), 80, 24)
	m, _ = sendPrompt(t, m, "hello")
	first := m.stream.id
	m = deliver(m, "first part")

	// A streamStartedMsg of an older request starts no waiting.
	if _, cmd := step(m, streamStartedMsg{id: first - 1}); cmd != nil {
		t.Errorf("a stale streamStartedMsg returned a command")
	}

	m, _ = press(m, tea.KeyEscape, 0)
	reply := m.tr.last()
	lines := strings.Join(reply.lines, "\n")
	m, cmd := step(m, chunkMsg{id: first, text: " LATE", ended: true})
	if cmd != nil {
		t.Errorf("a chunk of a stopped stream returned a command")
	}
	if got := reply.text.String(); got != "first part" {
		t.Errorf("reply text after a late chunk = %q, want %q", got, "first part")
	}
	if strings.Join(reply.lines, "\n") != lines || reply.status != session.StatusStopped {
		t.Errorf("a late chunk changed the stopped reply (status %q)", reply.status)
	}

	// A new request: chunks of the old stream still do nothing, and the
	// new stream's chunks go to the new reply only.
	m, _ = sendPrompt(t, m, "again")
	if m.stream.id == first {
		t.Fatalf("a new request kept the old stream id %d", first)
	}
	m, _ = step(m, chunkMsg{id: first, text: "STALE"})
	m = deliver(m, "fresh")
	if got := m.tr.last().text.String(); got != "fresh" {
		t.Errorf("new reply = %q, want %q", got, "fresh")
	}
	if got := reply.text.String(); got != "first part" {
		t.Errorf("old reply = %q after the new stream, want %q", got, "first part")
	}
	if s := screen(m); strings.Contains(s, "STALE") || strings.Contains(s, "LATE") {
		t.Errorf("a stale chunk reached the screen:\n%s", s)
	}

	// A reply that ended by itself: chunks of its stream are stale too.
	m, _ = step(m, chunkMsg{id: m.stream.id, ended: true})
	ended := m.stream.id
	m, _ = sendPrompt(t, m, "third")
	m, _ = step(m, chunkMsg{id: ended, text: "OLD"})
	if got := m.tr.last().text.String(); got != "" {
		t.Errorf("a chunk of the finished stream reached the new reply: %q", got)
	}
}

func TestEscStopsAndKeepsPartialText(t *testing.T) {
	m, j := newRecorded(t, 80, 24)
	m, msgs := sendPrompt(t, m, "write a poem")
	m, _ = settle(t, m, msgs)
	m, _ = step(m, chunkMsg{id: m.stream.id, text: "Roses are **red**, violets"})
	// Esc before the frame: the text that arrived is kept and saved.
	m, cmd := press(m, tea.KeyEscape, 0)
	reply := m.tr.last()
	if m.stream.active {
		t.Fatal("the reply is still streaming after Esc")
	}
	if reply.status != session.StatusStopped {
		t.Errorf("status = %q, want %q", reply.status, session.StatusStopped)
	}
	if m.dialog != nil || !m.input.Focused() {
		t.Errorf("focus did not return to the input")
	}
	s := screen(m)
	if !strings.Contains(s, "Roses are red, violets") || !strings.Contains(s, "■ stopped") {
		t.Errorf("stopped reply not shown with its partial text:\n%s", s)
	}
	if strings.Contains(s, "● streaming") {
		t.Errorf("footer still says streaming:\n%s", s)
	}
	// Esc with nothing streaming does nothing.
	if m2, cmd2 := press(m, tea.KeyEscape, 0); cmd2 != nil || m2.tr.last().status != session.StatusStopped {
		t.Errorf("Esc while idle did something")
	}

	settleStore(t, m, cmd)
	ops := j.Ops()
	last := ops[len(ops)-1]
	if last.Kind != "finish" || last.ID != reply.id || last.Status != session.StatusStopped {
		t.Errorf("last store op = %v, want finish %s stopped", last, reply.id)
	}
	var saved strings.Builder
	for _, op := range ops {
		if op.Kind == "delta" && op.ID == reply.id {
			saved.WriteString(op.Text)
		}
	}
	if saved.String() != "Roses are **red**, violets" {
		t.Errorf("saved deltas = %q, want the partial text", saved.String())
	}
}

// pump feeds Update the stream and store messages of msgs, and of what
// they lead to, until the reply has ended; it renders a frame after every
// chunk. Timers are left unapplied: pump sends the frames itself. The fake
// server always ends its replies, so nothing here waits forever.
func pump(t *testing.T, m *Model, msgs []tea.Msg) *Model {
	t.Helper()
	pending := msgs
	for n := 0; len(pending) > 0; n++ {
		if n > 10000 {
			t.Fatal("the stream never ended")
		}
		msg := pending[0]
		pending = pending[1:]
		switch msg.(type) {
		case streamStartedMsg, chunkMsg, persistedMsg:
		default:
			continue // ticks and notices
		}
		var cmd tea.Cmd
		m, cmd = step(m, msg)
		pending = append(pending, run(cmd)...)
		if _, ok := msg.(chunkMsg); ok {
			m, cmd = step(m, frameMsg{})
			pending = append(pending, run(cmd)...)
		}
	}
	return m
}

func TestModelSwitchAppliesToNextRequest(t *testing.T) {
	srv, c := testServer(t,
		clienttest.WithReply(clienttest.ReplyText("First answer.", 4, 0)),
		clienttest.WithModels("gpt-4", "gpt-3.5-turbo", "llama-3-70b"))
	clk := newTestClock()
	opts := testOptions(clk)
	opts.Client = c
	m := newSized(t, opts, 100, 30)

	m, msgs := sendPrompt(t, m, "one")
	m = pump(t, m, msgs)
	if m.stream.active {
		t.Fatal("first reply still streaming")
	}

	m, cmd := press(m, 'l', tea.ModCtrl)
	if !menuOpen(m) {
		t.Fatal("ctrl+l did not open the model menu")
	}
	fetched := only[modelsMsg](run(cmd))
	if len(fetched) != 1 {
		t.Fatalf("opening the menu fetched the model list %d times, want 1", len(fetched))
	}
	m, _ = step(m, fetched[0])
	if s := screen(m); !strings.Contains(s, "llama-3-70b") {
		t.Errorf("the server's models are not in the menu:\n%s", s)
	}
	m = typeText(m, "3.5")
	m, _ = press(m, tea.KeyEnter, 0)
	if m.dialog != nil {
		t.Fatal("Enter did not close the menu")
	}
	if m.model != "gpt-3.5-turbo" {
		t.Fatalf("model = %q after picking, want gpt-3.5-turbo", m.model)
	}
	if s := screen(m); !strings.Contains(strings.SplitN(s, "\n", 2)[0], "gpt-3.5-turbo") {
		t.Errorf("header does not show the new model:\n%s", s)
	}

	m, msgs = sendPrompt(t, m, "two")
	m = pump(t, m, msgs)
	reqs := waitRequests(t, srv, 2)
	if reqs[0].Chat.Model != "gpt-4" || reqs[1].Chat.Model != "gpt-3.5-turbo" {
		t.Errorf("request models = %q, %q; want gpt-4, gpt-3.5-turbo", reqs[0].Chat.Model, reqs[1].Chat.Model)
	}
	var got []string
	for _, msg := range reqs[1].Chat.Messages {
		got = append(got, msg.Role+":"+msg.Content)
	}
	want := []string{"user:one", "assistant:First answer.", "user:two"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("second request history = %q, want %q", got, want)
	}
	// Each reply keeps the name of the model that wrote it.
	es := m.tr.entries
	if len(es) != 4 || es[1].model != "gpt-4" || es[3].model != "gpt-3.5-turbo" {
		t.Errorf("reply models wrong: %d entries", len(es))
	}
	s := screen(m)
	if !strings.Contains(s, "▍gpt-4") || !strings.Contains(s, "▍gpt-3.5-turbo") {
		t.Errorf("labels do not name both models:\n%s", s)
	}

	// Esc in the menu closes it without a change.
	m, _ = press(m, 'l', tea.ModCtrl)
	m, _ = press(m, tea.KeyEscape, 0)
	if m.dialog != nil || m.model != "gpt-3.5-turbo" {
		t.Errorf("Esc in the menu: dialog %T, model %q", m.dialog, m.model)
	}
}

// bodyLines returns n numbered paragraphs, each one rendered line.
func bodyLines(from, n int) string {
	var b strings.Builder
	for i := from; i < from+n; i++ {
		b.WriteString("line-")
		b.WriteString(strings.Repeat("x", i%7))
		b.WriteString(" number ")
		b.WriteString(string(rune('A' + i%26)))
		b.WriteString("\n\n")
	}
	return b.String()
}

func TestFollowMode(t *testing.T) {
	clk := newTestClock()
	m := newSized(t, testOptions(clk), 80, 20)
	m, _ = sendPrompt(t, m, "count")
	m = deliver(m, bodyLines(0, 40))
	if !m.tr.follow || m.tr.offset != m.tr.maxOffset() || m.tr.maxOffset() == 0 {
		t.Fatalf("not following at the bottom: offset %d of %d", m.tr.offset, m.tr.maxOffset())
	}
	m = deliver(m, bodyLines(40, 5))
	if m.tr.offset != m.tr.maxOffset() {
		t.Errorf("new text did not scroll a following view: offset %d, bottom %d", m.tr.offset, m.tr.maxOffset())
	}

	// PgUp stops following; new text then leaves the view where it is.
	m, _ = press(m, tea.KeyPgUp, 0)
	if m.tr.follow {
		t.Fatal("PgUp did not stop following")
	}
	offset, view := m.tr.offset, strings.Join(m.tr.window(), "\n")
	if offset >= m.tr.maxOffset() {
		t.Fatalf("PgUp did not scroll up: offset %d, bottom %d", offset, m.tr.maxOffset())
	}
	bottom := m.tr.maxOffset()
	m = deliver(m, bodyLines(45, 10))
	if m.tr.offset != offset || strings.Join(m.tr.window(), "\n") != view {
		t.Errorf("new text moved a scrolled view: offset %d -> %d", offset, m.tr.offset)
	}
	if !strings.Contains(screen(m), "ctrl+end follows") {
		t.Errorf("the footer does not say how to follow the reply again:\n%s", screen(m))
	}
	if m.tr.maxOffset() <= bottom {
		t.Errorf("the transcript did not grow")
	}

	// ctrl+home goes to the top while the reply streams.
	m, _ = press(m, tea.KeyHome, tea.ModCtrl)
	if m.tr.offset != 0 || m.tr.follow {
		t.Errorf("ctrl+home: offset %d follow %v", m.tr.offset, m.tr.follow)
	}
	if s := screen(m); !strings.Contains(s, "You") || !strings.Contains(s, "count") {
		t.Errorf("the top of the transcript is not shown:\n%s", s)
	}
	// PgDn scrolls down one page.
	m, _ = press(m, tea.KeyPgDown, 0)
	if want := m.tr.height - 1; m.tr.offset != want {
		t.Errorf("PgDn: offset %d, want %d", m.tr.offset, want)
	}

	// ctrl+end resumes following.
	m, _ = press(m, tea.KeyEnd, tea.ModCtrl)
	if !m.tr.follow || m.tr.offset != m.tr.maxOffset() {
		t.Fatalf("ctrl+end did not resume following")
	}
	m = deliver(m, bodyLines(55, 10)+"the very last line")
	if m.tr.offset != m.tr.maxOffset() {
		t.Errorf("following stopped after ctrl+end")
	}
	if s := screen(m); !strings.Contains(s, "the very last line") {
		t.Errorf("the newest text is not on screen:\n%s", s)
	}
	// Once the reply has ended, the footer says when the view is scrolled.
	m, _ = step(m, chunkMsg{id: m.stream.id, ended: true})
	m, _ = press(m, tea.KeyPgUp, 0)
	if s := statusLine(m); !strings.Contains(s, "↑ scrolled") {
		t.Errorf("the status row does not say the view is scrolled: %q", s)
	}
}

// mixedText is a prompt with ASCII, CJK and emoji, long enough to wrap.
const mixedText = "Wrap me: 日本語のテキストは二つの列を占めます。中文字符也是宽字符，需要正确换行。" +
	" Emoji 🎉🚀👩‍💻 count as two cells each. The quick brown fox jumps over the lazy dog again and again."

func TestResizeRewraps(t *testing.T) {
	clk := newTestClock()
	m := newSized(t, testOptions(clk), 120, 40)
	m, _ = sendPrompt(t, m, mixedText)
	reply := "## 見出し\n\n" + mixedText + "\n\n- 项目一 🎉 with some words\n- item two with **bold** text that runs long enough to wrap\n"
	m = deliver(m, reply)
	m, _ = step(m, chunkMsg{id: m.stream.id, ended: true})

	lineCount := map[int]int{}
	for _, w := range []int{40, 300, 60, 40} {
		m, _ = step(m, tea.WindowSizeMsg{Width: w, Height: 40})
		n := 0
		var all strings.Builder
		for _, e := range m.tr.entries {
			n += len(e.lines)
			for _, l := range e.lines {
				if lw := ansi.StringWidth(l); lw > w {
					t.Errorf("width %d: line %q is %d cells wide", w, ansi.Strip(l), lw)
				}
				all.WriteString(ansi.Strip(l))
			}
		}
		if n != m.tr.total {
			t.Errorf("width %d: total %d, want %d", w, m.tr.total, n)
		}
		if c, ok := lineCount[w]; ok && c != n {
			t.Errorf("width %d: %d lines now, %d before", w, n, c)
		}
		lineCount[w] = n
		// Nothing lost: every word of the text is there, wherever it wrapped.
		flat := strings.Join(strings.Fields(all.String()), "")
		for _, word := range strings.Fields(mixedText) {
			if !strings.Contains(flat, word) {
				t.Errorf("width %d: %q lost", w, word)
			}
		}
		for _, l := range strings.Split(m.View().Content, "\n") {
			if lw := ansi.StringWidth(l); lw > w {
				t.Errorf("width %d: screen line %q is %d cells wide", w, ansi.Strip(l), lw)
			}
		}
		if got := len(strings.Split(m.View().Content, "\n")); got != 40 {
			t.Errorf("width %d: screen has %d lines, want 40", w, got)
		}
	}
	if lineCount[40] <= lineCount[300] {
		t.Errorf("40 columns gave %d lines, 300 gave %d: nothing re-wrapped", lineCount[40], lineCount[300])
	}
}

func TestResizeWhileStreaming(t *testing.T) {
	clk := newTestClock()
	m := newSized(t, testOptions(clk), 120, 40)
	m, _ = sendPrompt(t, m, "go")
	md := replyMarkdown(3000)
	half := len(md) / 2
	m = deliver(m, md[:half])
	m, _ = step(m, tea.WindowSizeMsg{Width: 50, Height: 30})
	if m.renderer.Width() != contentWidthFor(50) {
		t.Fatalf("renderer width %d after resize to 50", m.renderer.Width())
	}
	m = deliver(m, md[half:])
	streamed := append([]string(nil), m.tr.last().lines...)
	m, _ = step(m, chunkMsg{id: m.stream.id, ended: true})
	want, err := m.renderer.RenderLines(md)
	if err != nil {
		t.Fatal(err)
	}
	got := m.tr.last().lines
	body := strings.Join(trimBlankEdges(want), "\n")
	if !strings.Contains(strings.Join(got, "\n"), body) {
		t.Errorf("finished reply differs from a full render at the new width")
	}
	// The last frame shows what the finished reply shows (the finished one
	// drops the blank line the unfinished tail may end with).
	if strings.TrimRight(strings.Join(streamed, "\n"), "\n") != strings.TrimRight(strings.Join(got, "\n"), "\n") {
		t.Errorf("the last streamed frame differs from the finished rendering")
	}
}

// contentWidthFor is the renderer width the screen uses at a window width.
func contentWidthFor(w int) int { return max(20, w) }

func TestErrorShownInline(t *testing.T) {
	m, j := newRecorded(t, 80, 24)
	m, msgs := sendPrompt(t, m, "explain")
	m, _ = settle(t, m, msgs)
	m, _ = step(m, chunkMsg{id: m.stream.id, text: "The answer starts here"})
	m, cmd := step(m, frameMsg{})
	m, _ = settleStore(t, m, cmd)
	cerr := &client.Error{Kind: client.KindHTTPStatus, Status: 502, Message: "The server answered 502 Bad Gateway."}
	m, cmd = step(m, chunkMsg{id: m.stream.id, text: " and stops here", ended: true, err: cerr})
	m, _ = settleStore(t, m, cmd)
	reply := m.tr.last()
	if reply.status != session.StatusError || m.stream.active {
		t.Errorf("status %q, streaming %v; want error, not streaming", reply.status, m.stream.active)
	}
	s := screen(m)
	ti := strings.Index(s, "The answer starts here and stops here")
	ei := strings.Index(s, "✗ The server answered 502 Bad Gateway.")
	if ti < 0 || ei < 0 || ei < ti {
		t.Errorf("error sentence not after the received text (text at %d, error at %d):\n%s", ti, ei, s)
	}
	ops := j.Ops()
	last := ops[len(ops)-1]
	if last.Kind != "finish" || last.Status != session.StatusError || last.Text != cerr.Message {
		t.Errorf("last store op = %v, want finish error with the sentence", last)
	}
	// A truncated reply says so too.
	m, _ = sendPrompt(t, m, "again")
	trunc := &client.Error{Kind: client.KindTruncated, Message: "The reply was cut off."}
	m, _ = step(m, chunkMsg{id: m.stream.id, text: "Half", ended: true, err: trunc})
	if st := m.tr.last().status; st != session.StatusTruncated || !strings.Contains(screen(m), "✗ The reply was cut off.") {
		t.Errorf("truncated reply: status %q\n%s", st, screen(m))
	}
}

func TestRetryCountdown(t *testing.T) {
	clk := newTestClock()
	m := newSized(t, testOptions(clk), 100, 24)
	m, _ = sendPrompt(t, m, "hi")
	id := m.stream.id
	retry := &client.RetryInfo{Attempt: 2, MaxAttempts: 4, Delay: 5 * time.Second, Reason: "The server is busy."}
	m, cmd := step(m, chunkMsg{id: id, retry: retry})
	msgs := run(cmd)
	if ticks := only[retryTickMsg](msgs); len(ticks) != 1 || ticks[0].id != id {
		t.Errorf("a retry scheduled %d countdown ticks, want 1", len(ticks))
	}
	if waits := only[chunkMsg](msgs); len(waits) != 1 || waits[0].id != id {
		t.Errorf("after a retry, %d reads of the stream, want 1", len(waits))
	}
	// The countdown shows once: in the reply, not also in the footer.
	checkRetry := func(want string) {
		t.Helper()
		s := screen(m)
		if n := strings.Count(s, "Retrying"); n != 1 || !strings.Contains(strings.Join(m.tr.window(), "\n"), want) {
			t.Errorf("want %q once, in the reply; %d countdowns on screen:\n%s", want, n, s)
		}
		if st := statusLine(m); !strings.Contains(st, "● streaming gpt-4") {
			t.Errorf("the status row does not say the reply is on its way: %q", st)
		}
	}
	checkRetry("Retrying in 5s (attempt 2 of 4)")

	clk.Advance(2 * time.Second)
	renders := m.renderer.Stats().Renders
	m, cmd = step(m, retryTickMsg{id: id})
	checkRetry("Retrying in 3s (attempt 2 of 4)")
	if cmd == nil {
		t.Errorf("countdown stopped with 3s left")
	}
	if n := m.renderer.Stats().Renders - renders; n != 0 {
		t.Errorf("a countdown tick rendered markdown %d times, want 0: only the status line changes", n)
	}
	// A tick of another stream does nothing.
	if _, c := step(m, retryTickMsg{id: id - 1}); c != nil {
		t.Errorf("a stale retry tick returned a command")
	}
	clk.Advance(4 * time.Second)
	m, cmd = step(m, retryTickMsg{id: id})
	checkRetry("Retrying in 0s (attempt 2 of 4)")
	if cmd != nil {
		t.Errorf("countdown kept ticking after the retry was due")
	}
	// Text from the retried request clears the countdown.
	m = deliver(m, "Finally.")
	if s := screen(m); strings.Contains(s, "Retrying") || !strings.Contains(s, "Finally.") {
		t.Errorf("countdown still shown after text arrived:\n%s", s)
	}
}

// sgr matches the Select Graphic Rendition sequences lipgloss writes.
var sgr = regexp.MustCompile(`\x1b\[[0-9;:]*m`)

// checkTerminalSafe fails if s holds anything a server could use to take
// over the terminal: OSC 52 or OSC 8, any escape other than SGR, C0 or C1
// controls, or bidi overrides.
func checkTerminalSafe(t *testing.T, where, s string) {
	t.Helper()
	for _, bad := range []string{"\x1b]52", "\x1b]8", "\x1b]", "\x1bP", "\x1b_", "\x1bc", "\x1b[2J"} {
		if strings.Contains(s, bad) {
			t.Errorf("%s holds %q", where, bad)
		}
	}
	rest := sgr.ReplaceAllString(s, "")
	for i, r := range rest {
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(rest[i:], "\uFFFD"):
			t.Errorf("%s holds invalid UTF-8 at %d", where, i)
		case r < 0x20 && r != '\n', r == 0x7f:
			t.Errorf("%s holds control %U at %d: %q", where, r, i, rest[max(0, i-20):min(len(rest), i+20)])
		case r >= 0x80 && r <= 0x9f:
			t.Errorf("%s holds C1 control %U", where, r)
		case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
			t.Errorf("%s holds bidi control %U", where, r)
		}
	}
}

func TestHostileTextIsSanitised(t *testing.T) {
	clk := newTestClock()
	m := newSized(t, testOptions(clk), 100, 40)
	// A pasted prompt with escapes, which also becomes the title.
	m, _ = step(m, tea.PasteMsg{Content: "paste \x1b]52;c;aGk=\x07 \u202eevil"})
	m, _ = press(m, tea.KeyEnter, 0)
	if !m.stream.active {
		t.Fatal("the pasted prompt was not sent")
	}
	hostile := strings.Join(clienttest.HostileTokens, "")
	for _, tok := range clienttest.HostileTokens {
		m, _ = step(m, chunkMsg{id: m.stream.id, text: tok})
	}
	m, _ = step(m, frameMsg{})
	checkTerminalSafe(t, "streaming view", m.View().Content)
	cerr := &client.Error{Kind: client.KindHTTPStatus, Status: 500,
		Message: "The server said: \x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\ \u009b2J \u202eboom"}
	m, _ = step(m, chunkMsg{id: m.stream.id, ended: true, err: cerr})
	v := m.View()
	checkTerminalSafe(t, "finished view", v.Content)
	checkTerminalSafe(t, "window title", m.windowTitle())
	s := ansi.Strip(v.Content)
	for _, want := range []string{"Plain start.", "clip", "Plain end.", "evil.exe", "boom", "␛]52"} {
		if !strings.Contains(s, want) {
			t.Errorf("text around the controls lost: %q missing", want)
		}
	}
	// What is sent back and saved is the text as received.
	if got := m.tr.last().text.String(); got != hostile {
		t.Errorf("reply text was altered: %q", got)
	}
	// A hostile model name (from a server's list) never reaches the screen raw.
	m.model = "evil\x1b]52;c;aGk=\x07model\u009b"
	m, _ = sendPrompt(t, m, "more")
	m = deliver(m, "x")
	checkTerminalSafe(t, "view with a hostile model name", m.View().Content)
}

func TestCtrlCStopsWhileStreaming(t *testing.T) {
	clk := newTestClock()
	m := newSized(t, testOptions(clk), 80, 24)
	m, _ = sendPrompt(t, m, "hi")
	m = deliver(m, "partial")
	m, cmd := press(m, 'c', tea.ModCtrl)
	if quits(run(cmd)) || m.quitting {
		t.Fatal("ctrl+c while streaming quit")
	}
	if m.stream.active || m.tr.last().status != session.StatusStopped || m.tr.last().text.String() != "partial" {
		t.Errorf("ctrl+c did not stop the reply and keep its text")
	}
	// Idle, with nothing to save: quits at once.
	_, cmd = press(m, 'c', tea.ModCtrl)
	if !quits(run(cmd)) {
		t.Errorf("ctrl+c while idle did not quit")
	}
}

func TestCtrlCQuitsAfterStoreIsFlushed(t *testing.T) {
	m, j := newRecorded(t, 80, 24)
	m, first := sendPrompt(t, m, "hi") // the first batch is written, but Update is not told yet
	m, _ = step(m, chunkMsg{id: m.stream.id, text: "some text"})
	m, c := step(m, frameMsg{})
	if len(only[persistedMsg](run(c))) > 0 {
		t.Fatal("a second store batch started while one was in flight")
	}
	m, _ = press(m, tea.KeyEscape, 0)
	m, cmd := press(m, 'c', tea.ModCtrl)
	if quits(run(cmd)) {
		t.Fatal("quit with writes still queued")
	}
	if v := m.View(); v.Content != "" {
		t.Errorf("quitting screen not cleared")
	}
	writes := only[persistedMsg](first)
	if len(writes) != 1 {
		t.Fatalf("%d first batches", len(writes))
	}
	m, cmd = step(m, writes[0])
	msgs := run(cmd)
	if quits(msgs) {
		t.Fatal("quit before the queued writes were sent")
	}
	writes = only[persistedMsg](msgs)
	if len(writes) != 1 {
		t.Fatalf("the queued writes were not sent after the first batch")
	}
	_, cmd = step(m, writes[0])
	if !quits(run(cmd)) {
		t.Fatal("did not quit once everything was saved")
	}
	kinds := ""
	for _, op := range j.Ops() {
		kinds += op.Kind + " "
	}
	if kinds != "create add add delta finish " {
		t.Errorf("store ops before quitting: %s", kinds)
	}
}

func TestStoreOpsInOrder(t *testing.T) {
	m, j := newRecorded(t, 80, 24)
	m, msgs := sendPrompt(t, m, "tell me")
	m, _ = settle(t, m, msgs)
	reply := m.tr.last()
	deltas := []string{"Once ", "upon ", "a time", "."}
	var cmd tea.Cmd
	for i, d := range deltas {
		m, _ = step(m, chunkMsg{id: m.stream.id, text: d})
		m, cmd = step(m, frameMsg{})
		msgs := run(cmd)
		if len(only[persistedMsg](msgs)) != 1 {
			t.Fatalf("frame %d did not save its text", i)
		}
		m, _ = settle(t, m, msgs)
	}
	m, cmd = step(m, chunkMsg{id: m.stream.id, ended: true, usage: &client.Usage{PromptTokens: 3, CompletionTokens: 4}})
	m, _ = settleStore(t, m, cmd)
	_ = m

	ops := j.Ops()
	var got []string
	for _, op := range ops {
		got = append(got, op.Kind+":"+op.Role+":"+op.Text+":"+string(op.Status))
	}
	want := []string{
		"create:::", // the store titles it from the first prompt
		"add:user:tell me:complete",
		"add:assistant::streaming",
		"delta::Once :", "delta::upon :", "delta::a time:", "delta::.:",
		"finish:::complete",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("store ops:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(ops) == len(want) {
		if ops[2].ID != reply.id || ops[7].ID != reply.id || ops[3].ID != reply.id {
			t.Errorf("deltas and finish do not name the reply")
		}
		if ops[0].ID != m.conv.ID {
			t.Errorf("create names %s, want the conversation %s", ops[0].ID, m.conv.ID)
		}
	}
}

func TestChunksCoalescePerFrame(t *testing.T) {
	clk := newTestClock()
	m := newSized(t, testOptions(clk), 80, 24)
	m, _ = sendPrompt(t, m, "hi")
	before := m.renderer.Stats().Renders
	var ticks int
	for _, tok := range []string{"a", "b", "c", "d"} {
		var cmd tea.Cmd
		m, cmd = step(m, chunkMsg{id: m.stream.id, text: tok})
		ticks += len(only[frameMsg](run(cmd)))
	}
	if ticks != 1 {
		t.Errorf("4 chunks scheduled %d frames, want 1", ticks)
	}
	if got := m.renderer.Stats().Renders - before; got != 0 {
		t.Errorf("chunks rendered %d times before the frame, want 0", got)
	}
	m, _ = step(m, frameMsg{})
	if got := m.renderer.Stats().Renders - before; got < 1 || got > 2 {
		t.Errorf("one frame rendered %d times", got)
	}
	if !strings.Contains(screen(m), "abcd") {
		t.Errorf("frame did not show the text")
	}
}

// TestEscClosesTheMenuWithAFilter: in the model menu, Esc closes at once,
// even with a filter typed, and changes neither the model nor the input.
func TestEscClosesTheMenuWithAFilter(t *testing.T) {
	m := newSized(t, testOptions(newTestClock()), 80, 24)
	m = typeText(m, "draft")
	m, _ = press(m, 'l', tea.ModCtrl)
	m = typeText(m, "3.5")
	m, _ = press(m, tea.KeyEscape, 0)
	if m.dialog != nil || m.model != "gpt-4" || m.input.Value() != "draft" {
		t.Errorf("after esc: dialog %T, model %q, input %q; want none, gpt-4, draft", m.dialog, m.model, m.input.Value())
	}
	if strings.Contains(screen(m), "Models") {
		t.Errorf("the menu is still on screen:\n%s", screen(m))
	}
}
