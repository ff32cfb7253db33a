package ui

import (
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/lockchat/lockchat/client"
	"github.com/lockchat/lockchat/client/clienttest"
)

// deadClient is a real client for a loopback port where nothing listens.
func deadClient(t *testing.T) (*client.Client, string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	p := client.Provider{Name: "fake", BaseURL: "http://" + addr + "/v1", Auth: client.AuthNone}
	o := client.DefaultOptions()
	o.MaxRetries = 0
	return client.New(p, o), addr
}

// startMsg runs what Init asks for and returns the one message of type T
// (the start's check); it fails when there is none, or more.
func startMsg[T tea.Msg](t *testing.T, m *Model) T {
	t.Helper()
	got := only[T](run(m.Init()))
	if len(got) != 1 {
		t.Fatalf("Init's commands returned %d %T, want 1", len(got), *new(T))
	}
	return got[0]
}

// statusRows is the rows between the input and the key help, as plain
// text: the status row, or the rows of a sticky notice.
func statusRows(m *Model) string {
	lines := strings.Split(screen(m), "\n")
	return withoutCount(strings.Join(lines[len(lines)-1-m.statusHeight():len(lines)-1], "\n"))
}

// TestProbeWarnsUntilTheFirstPrompt: a server that can't be reached is
// said so in the status rows, before any prompt, in the words Unreachable
// gives; the warning outlives typing, menus and other notices, keeps the
// key help on its row, and goes when the first prompt is sent.
func TestProbeWarnsUntilTheFirstPrompt(t *testing.T) {
	c, addr := deadClient(t)
	opts := testOptions(newTestClock())
	opts.Client, opts.Probe = c, c.Probe
	opts.Unreachable = func(err error) string { return err.Error() + " Try --demo, --provider ollama or --base-url URL." }
	m := newSized(t, opts, 80, 24)
	help := keyHelpLine(m)
	m, _ = step(m, startMsg[probedMsg](t, m))
	want := "Could not connect to " + addr + ": connection refused. Check that the server is running and the base URL is right. Try --demo"
	rows := statusRows(m)
	if flat := strings.Join(strings.Fields(rows), " "); !strings.Contains(flat, want) || !strings.Contains(flat, "--base-url URL.") {
		t.Fatalf("status rows %q do not say the server can't be reached and the ways on", rows)
	}
	if m.statusHeight() < 2 || keyHelpLine(m) != help {
		t.Errorf("the warning took %d rows and the key help became %q", m.statusHeight(), keyHelpLine(m))
	}
	if len(m.tr.window()) != m.tr.height || m.tr.height != 24-m.chromeHeight() {
		t.Errorf("the transcript has %d rows, want the %d the status rows leave", m.tr.height, 24-m.chromeHeight())
	}

	m = typeText(m, "hello")
	m, _ = press(m, 'l', tea.ModCtrl) // the model menu: footer.clear
	m, _ = press(m, tea.KeyEscape, 0) // closes the menu, not the warning
	m.footer.push("Copied.", false)
	m, _ = step(m, noticeExpiredMsg{seq: m.footer.seq})
	if !strings.Contains(statusRows(m), "Could not connect to") {
		t.Fatalf("the warning went before the first prompt:\n%s", screen(m))
	}

	m, _ = press(m, tea.KeyEnter, 0)
	if !m.stream.active || m.footer.sticky != "" || strings.Contains(screen(m), "Could not connect to") {
		t.Errorf("after the first prompt: streaming %v, sticky %q", m.stream.active, m.footer.sticky)
	}
	if m.statusHeight() != 1 {
		t.Errorf("the status takes %d rows after the warning went", m.statusHeight())
	}
}

// TestProbeWarningDismissed: the stop key dismisses the warning; a probe
// that answers says nothing; one that answers after the first prompt was
// sent is not shown (the reply says how it went).
func TestProbeWarningDismissed(t *testing.T) {
	c, _ := deadClient(t)
	opts := testOptions(newTestClock())
	opts.Client, opts.Probe = c, c.Probe
	m := newSized(t, opts, 80, 24)
	failed := startMsg[probedMsg](t, m)
	m, _ = step(m, failed)
	m, _ = press(m, tea.KeyEscape, 0)
	if m.footer.sticky != "" || strings.TrimSpace(statusRows(m)) != "" {
		t.Errorf("esc left the warning: %q", statusRows(m))
	}

	m = newSized(t, opts, 80, 24)
	m, _ = sendPrompt(t, m, "first")
	m, _ = step(m, failed)
	if m.footer.sticky != "" {
		t.Errorf("a probe that came back after the first prompt still warned: %q", m.footer.sticky)
	}

	_, live := testServer(t)
	opts.Client, opts.Probe = live, live.Probe
	m = newSized(t, opts, 80, 24)
	m, _ = step(m, startMsg[probedMsg](t, m))
	if m.footer.sticky != "" || m.footer.text != "" {
		t.Errorf("a server that answers got a warning: %q %q", m.footer.sticky, m.footer.text)
	}
}

// TestNoModelTakesTheServersFirst: with no model named, the chat asks the
// server for its models at start (no probe then: the list tells as much),
// the header says so until the answer, a prompt sent meanwhile waits in
// the input and goes, to the first model listed, when it arrives.
func TestNoModelTakesTheServersFirst(t *testing.T) {
	srv, c := testServer(t, clienttest.WithModels("loaded-a", "loaded-b"),
		clienttest.WithReply(clienttest.ReplyText("Hi.", 2, 0)))
	opts := testOptions(newTestClock())
	opts.Client, opts.Model, opts.Probe = c, "", c.Probe
	m := newSized(t, opts, 100, 24)
	if hl := headerLine(m); !strings.Contains(hl, "asking the server for its model…") {
		t.Errorf("header while asking: %q", hl)
	}
	if n := len(only[probedMsg](run(m.Init()))); n != 0 {
		t.Errorf("Init probed the server %d times as well as asking for its models", n)
	}
	listed := startMsg[serverModelMsg](t, m)

	m = typeText(m, "hello")
	m, _ = press(m, tea.KeyEnter, 0)
	if m.stream.active || m.input.Value() != "hello" || !strings.Contains(statusLine(m), "the message goes as soon as it does") {
		t.Fatalf("Enter before the model is known: streaming %v, input %q, status %q", m.stream.active, m.input.Value(), statusLine(m))
	}
	m, cmd := step(m, listed)
	if m.model != "loaded-a" || !strings.Contains(headerLine(m), "loaded-a") {
		t.Fatalf("model %q, header %q; want the first listed", m.model, headerLine(m))
	}
	if !m.stream.active || m.input.Value() != "" {
		t.Fatalf("the held prompt was not sent when the model came")
	}
	if got := strings.TrimSpace(statusLine(m)); got != "Model: loaded-a, the first the server lists · ctrl+l lists the others." {
		t.Errorf("status %q does not say where the model came from", got)
	}
	if m = pump(t, m, run(cmd)); m.stream.active || m.tr.entries[len(m.tr.entries)-1].model != "loaded-a" {
		t.Errorf("the reply did not finish as loaded-a's")
	}
	if got := srv.ChatRequests(); len(got) != 1 || got[0].Chat.Model != "loaded-a" {
		t.Errorf("the server got %d requests (model %q), want one for loaded-a", len(got), firstModel(got))
	}
}

// TestNoModelAndNoList: a server that lists none, has no list, or can't
// be reached gets a sticky warning that says what to do; Enter then keeps
// the prompt and says there is no model, and a model picked in the menu
// sends.
func TestNoModelAndNoList(t *testing.T) {
	empty := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Write([]byte(`{"object":"list","data":[]}`))
	}))
	defer empty.Close()
	_, noList := testServer(t, clienttest.WithModels())
	dead, addr := deadClient(t)
	o := client.DefaultOptions()
	cases := []struct {
		name string
		c    *client.Client
		want string
	}{
		{"lists none", client.New(client.Provider{Name: "e", BaseURL: empty.URL + "/v1", Auth: client.AuthNone}, o),
			"The server lists no models: press ctrl+l to pick one, or start lockchat with -m MODEL."},
		{"no list", noList, "The server did not list its models (The server has no model list (HTTP 404: Not found.)): " +
			"press ctrl+l to pick one, or start lockchat with -m MODEL."},
		{"unreachable", dead, "unreachable: Could not connect to " + addr + ": connection refused."},
	}
	for _, c := range cases {
		opts := testOptions(newTestClock())
		opts.Client, opts.Model = c.c, ""
		opts.Unreachable = func(err error) string { return "unreachable: " + err.Error() }
		m := newSized(t, opts, 200, 30)
		m, _ = step(m, startMsg[serverModelMsg](t, m))
		if !strings.HasPrefix(m.footer.sticky, c.want) || !strings.Contains(statusRows(m), c.want) {
			t.Errorf("%s: warning %q, want %q", c.name, m.footer.sticky, c.want)
		}
		if hl := headerLine(m); !strings.Contains(hl, "· no model") {
			t.Errorf("%s: header %q", c.name, hl)
		}
		m = typeText(m, "hello")
		m, _ = press(m, tea.KeyEnter, 0)
		if m.stream.active || m.input.Value() != "hello" || !strings.Contains(statusLine(m), "There is no model to send to") {
			t.Errorf("%s: Enter with no model: streaming %v, input %q, status %q", c.name, m.stream.active, m.input.Value(), statusLine(m))
		}
		chooseModel{model: "picked"}.apply(m)
		m, _ = press(m, tea.KeyEnter, 0)
		if !m.stream.active || m.stream.entry.model != "picked" {
			t.Errorf("%s: a model picked in the menu did not send", c.name)
		}
	}
}

// headerLine is the first row of the screen.
func firstModel(reqs []clienttest.Recorded) string {
	if len(reqs) == 0 {
		return ""
	}
	return reqs[0].Chat.Model
}

// TestWrapAtSpaces: the sticky notice breaks at spaces only, never inside
// a flag; a word wider than the line is cut, even a wide rune on a line of
// one column.
func TestWrapAtSpaces(t *testing.T) {
	cases := []struct {
		s     string
		width int
		want  []string
	}{
		{"try --demo or --base-url URL.", 12, []string{"try --demo", "or", "--base-url", "URL."}},
		{"abcdefgh ij", 3, []string{"abc", "def", "gh", "ij"}},
		{"界界", 1, []string{"界", "界"}},
		{"  ", 10, nil},
	}
	for _, c := range cases {
		got := wrapAtSpaces(c.s, c.width)
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("wrapAtSpaces(%q, %d) = %q, want %q", c.s, c.width, got, c.want)
		}
	}
}

// TestStickyOnAShortTerminal: the warning takes no more rows than leave
// a transcript line, on a very short terminal one, cut with "…".
func TestStickyOnAShortTerminal(t *testing.T) {
	m := newSized(t, testOptions(newTestClock()), 40, 6)
	m, _ = step(m, probedMsg{err: &client.Error{Kind: client.KindNetwork, Message: strings.Repeat("Could not connect. ", 8)}})
	lines := strings.Split(screen(m), "\n")
	if len(lines) != 6 || m.statusHeight() != 1 || m.tr.height < 1 {
		t.Fatalf("%d lines, %d status rows, %d transcript rows:\n%s", len(lines), m.statusHeight(), m.tr.height, screen(m))
	}
	if row := statusRows(m); !strings.HasSuffix(row, "…") || !strings.HasPrefix(row, "Could not connect.") {
		t.Errorf("status row %q", row)
	}
}
