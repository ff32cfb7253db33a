package ui

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/lockchat/lockchat/client"
	"github.com/lockchat/lockchat/client/clienttest"
	"github.com/lockchat/lockchat/session"
)

// testEpoch is the fixed time of every test clock: labels read "15:04".
var testEpoch = time.Date(2026, 3, 14, 15, 4, 5, 0, time.UTC)

// testClock is a clock the test moves by hand.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func newTestClock() *testClock { return &testClock{now: testEpoch} }

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// journalOp is one call the recording journal received.
type journalOp struct {
	Kind   string // create, add, delta, finish
	ID     string // conversation id for create, message id otherwise
	Role   string
	Text   string // message content, delta text or error sentence
	Status session.Status
	End    session.Ending // for finish
}

func (o journalOp) String() string {
	return fmt.Sprintf("%s %s %s %q %s", o.Kind, o.ID, o.Role, o.Text, o.Status)
}

// recJournal records every write in order; it never fails.
type recJournal struct {
	mu       sync.Mutex
	ops      []journalOp
	finished chan struct{} // closed on the first FinishMessage
	once     sync.Once
}

func newRecJournal() *recJournal { return &recJournal{finished: make(chan struct{})} }

func (j *recJournal) add(op journalOp) session.Notice {
	j.mu.Lock()
	j.ops = append(j.ops, op)
	j.mu.Unlock()
	return session.Notice{}
}

func (j *recJournal) CreateConversation(c session.Conversation) session.Notice {
	return j.add(journalOp{Kind: "create", ID: c.ID, Text: c.Title})
}

func (j *recJournal) AddMessage(m session.Message) session.Notice {
	return j.add(journalOp{Kind: "add", ID: m.ID, Role: m.Role, Text: m.Content, Status: m.Status})
}

func (j *recJournal) AppendDelta(id, text string) session.Notice {
	return j.add(journalOp{Kind: "delta", ID: id, Text: text})
}

func (j *recJournal) AppendReasoning(id, text string) session.Notice {
	return j.add(journalOp{Kind: "reasoning", ID: id, Text: text})
}

func (j *recJournal) Reclassify(id string, n int) session.Notice {
	return j.add(journalOp{Kind: "reclassify", ID: id, Text: fmt.Sprint(n)})
}

func (j *recJournal) FinishMessage(id string, end session.Ending) session.Notice {
	n := j.add(journalOp{Kind: "finish", ID: id, Text: end.ErrorText, Status: end.Status, End: end})
	j.once.Do(func() { close(j.finished) })
	return n
}

func (j *recJournal) UpdateConversation(id string, u session.ConversationUpdate) session.Notice {
	return j.add(journalOp{Kind: "update", ID: id})
}

func (j *recJournal) DeleteMessage(id string) session.Notice {
	return j.add(journalOp{Kind: "delete-message", ID: id})
}

func (j *recJournal) SetProviderPrefs(baseURL string, p session.ProviderPrefs) session.Notice {
	return j.add(journalOp{Kind: "prefs", ID: baseURL, Text: fmt.Sprintf("%+v", p)})
}

func (j *recJournal) Flush() session.Notice { return session.Notice{} }

func (j *recJournal) Ops() []journalOp {
	j.mu.Lock()
	defer j.mu.Unlock()
	return append([]journalOp(nil), j.ops...)
}

// isFinished reports whether a reply has been finished in the store.
func (j *recJournal) isFinished() bool {
	select {
	case <-j.finished:
		return true
	default:
		return false
	}
}

// saved returns the text of every delta saved so far.
func (j *recJournal) saved() string {
	var b strings.Builder
	for _, op := range j.Ops() {
		if op.Kind == "delta" {
			b.WriteString(op.Text)
		}
	}
	return b.String()
}

// testOptions are the options every test starts from: a fixed clock, a
// dark theme and timers that fire at once, so that nothing depends on the
// terminal, the time of day or a wait. Every frameMsg a test sends stands
// for a frame that may render (the clock doesn't move, so the pacing
// between renders is turned off).
func testOptions(clk *testClock) Options {
	return Options{Model: "gpt-4", Theme: "dark", Now: clk.Now, MinRenderGap: -1,
		Client: handFed{}, After: fireAtOnce}
}

// fireAtOnce is the timer of tests: it delivers msg without waiting. The
// test decides whether the message is fed back, and moves its clock itself.
func fireAtOnce(_ time.Duration, msg tea.Msg) tea.Cmd {
	return func() tea.Msg { return msg }
}

// handFed is the server of tests that hand a reply's chunks to Update
// themselves: it has no name and lists no models, and every stream it
// starts is already over (its context is cancelled before the request),
// so reading one never waits and tests leave what it says unread.
type handFed struct{}

func (handFed) Stream(ctx context.Context, req client.Request) *client.Stream {
	ctx, cancel := context.WithCancel(ctx)
	cancel()
	return client.New(client.Provider{BaseURL: "http://127.0.0.1:9/v1", Auth: client.AuthNone},
		client.DefaultOptions()).Stream(ctx, req)
}

func (handFed) ListModels(context.Context) ([]string, error) { return nil, nil }
func (handFed) Provider() client.Provider                    { return client.Provider{} }

// newSized builds a chat screen and gives it a window size.
func newSized(t testing.TB, opts Options, w, h int) *Model {
	t.Helper()
	m := New(opts)
	m, _ = step(m, tea.WindowSizeMsg{Width: w, Height: h})
	return m
}

// newRecorded builds a sized chat screen whose store writes a recording
// journal keeps.
func newRecorded(t testing.TB, w, h int) (*Model, *recJournal) {
	t.Helper()
	j := newRecJournal()
	opts := testOptions(newTestClock())
	opts.Journal = j
	return newSized(t, opts, w, h), j
}

// step sends one message to Update.
func step(m *Model, msg tea.Msg) (*Model, tea.Cmd) {
	nm, cmd := m.Update(msg)
	return nm.(*Model), cmd
}

// typeText types s into whatever has focus, one key press per rune.
func typeText(m *Model, s string) *Model {
	for _, r := range s {
		m, _ = step(m, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return m
}

// press sends one special key.
func press(m *Model, code rune, mod tea.KeyMod) (*Model, tea.Cmd) {
	return step(m, tea.KeyPressMsg{Code: code, Mod: mod})
}

// sendPrompt types a prompt and presses Enter, runs what that asks for and
// hands the stream that started to Update, as Bubble Tea would. It
// returns the other messages, unapplied: the store writes and the clock's
// tick. With the handFed server, the test then delivers the chunks itself.
func sendPrompt(t testing.TB, m *Model, prompt string) (*Model, []tea.Msg) {
	t.Helper()
	m = typeText(m, prompt)
	m, cmd := press(m, tea.KeyEnter, 0)
	if !m.stream.active {
		t.Fatalf("Enter did not start a reply")
	}
	return startAll(m, cmd)
}

// deliver hands the streaming reply text, as its stream would, and renders
// the frame it asked for.
func deliver(m *Model, text string) *Model {
	m, _ = step(m, chunkMsg{id: m.stream.id, text: text})
	m, _ = step(m, frameMsg{})
	return m
}

// run runs cmd and every command the batches and sequences it returns
// hold, depth first, and returns the messages they produce, in order. With
// testOptions no timer waits; a stream's wait returns once the stream has
// something to say.
func run(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if cmds, ok := commands(msg); ok {
		var out []tea.Msg
		for _, c := range cmds {
			out = append(out, run(c)...)
		}
		return out
	}
	if msg == nil {
		return nil
	}
	return []tea.Msg{msg}
}

// sequenceType is the type of the message tea.Sequence's command returns.
var sequenceType = reflect.TypeOf(tea.Sequence(tea.Quit, tea.Quit)())

// commands reports whether msg is a batch or a sequence: a list of
// commands for the program to run rather than a message for Update.
func commands(msg tea.Msg) ([]tea.Cmd, bool) {
	if b, ok := msg.(tea.BatchMsg); ok {
		return b, true
	}
	if msg != nil && reflect.TypeOf(msg) == sequenceType {
		return reflect.ValueOf(msg).Convert(reflect.TypeFor[[]tea.Cmd]()).Interface().([]tea.Cmd), true
	}
	return nil, false
}

// only returns the messages of type T.
func only[T tea.Msg](msgs []tea.Msg) []T {
	var out []T
	for _, msg := range msgs {
		if t, ok := msg.(T); ok {
			out = append(out, t)
		}
	}
	return out
}

// quits reports whether the messages hold tea.QuitMsg.
func quits(msgs []tea.Msg) bool { return len(only[tea.QuitMsg](msgs)) > 0 }

// settle feeds Update the messages of a running program's store and
// stream start, and those they lead to, until none is left: the store
// writes in order, at most one batch in flight. It returns the model and
// the messages of the last round it left unapplied (ticks, chunks).
func settle(t testing.TB, m *Model, msgs []tea.Msg) (*Model, []tea.Msg) {
	t.Helper()
	for range 100 {
		var next []tea.Msg
		var rest []tea.Msg
		writes := 0
		for _, msg := range msgs {
			switch msg.(type) {
			case persistedMsg:
				writes++
			case streamStartedMsg:
			default:
				rest = append(rest, msg)
				continue
			}
			var cmd tea.Cmd
			m, cmd = step(m, msg)
			next = append(next, run(cmd)...)
		}
		if writes > 1 {
			t.Fatalf("%d store batches in flight at once, want at most 1", writes)
		}
		if len(next) == 0 {
			return m, rest
		}
		msgs = next
	}
	t.Fatal("store writes never settled")
	return m, nil
}

// settleStore runs cmd and settles what it leads to (see settle).
func settleStore(t testing.TB, m *Model, cmd tea.Cmd) (*Model, []tea.Msg) {
	t.Helper()
	return settle(t, m, run(cmd))
}

// screen is the view as plain text.
func screen(m *Model) string { return ansi.Strip(m.View().Content) }

// testServer starts a fake server and a real client for it.
func testServer(t testing.TB, opts ...clienttest.Option) (*clienttest.Server, *client.Client) {
	t.Helper()
	srv := clienttest.Start(t, opts...)
	p := client.Provider{Name: "fake", BaseURL: srv.URL, Auth: client.AuthNone, DefaultModel: "gpt-4"}
	o := client.DefaultOptions()
	o.MaxRetries = 0
	o.IdleTimeout, o.Timeout, o.FirstByteTimeout = 0, 0, 0
	return srv, client.New(p, o)
}

// waitRequests waits for the fake server to receive n chat requests.
func waitRequests(t testing.TB, srv *clienttest.Server, n int) []clienttest.Recorded {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.WaitRequests(ctx, n); err != nil {
		t.Fatalf("waiting for %d requests: %v", n, err)
	}
	return srv.ChatRequests()
}

// replyMarkdown builds a markdown reply of about size bytes the way a model
// writes one: headings, paragraphs with inline styles, lists, a quote,
// a table, and Go and Python code, repeated until the size is reached.
func replyMarkdown(size int) string {
	sections := []string{
		"## Section %d: an overview\n\nThis paragraph explains the **main idea** with *some emphasis*, a bit of `inline code` and enough words to wrap across more than one line of the terminal at ordinary widths.\n\n",
		"### Steps\n\n1. Open the configuration file and read it.\n2. Check every value against its schema.\n3. Write the result back atomically.\n\n- first bullet with `code`\n- second bullet, **bold**\n- third bullet that is long enough to wrap when the terminal is narrow\n\n",
		"> A quote from the documentation: keep it simple, and measure before optimising.\n\n",
		"| name | kind | size | notes |\n|------|------|-----:|-------|\n| alpha | file | 12 | first |\n| beta | dir | 340 | second |\n| gamma | link | 5 | third |\n\n",
		"```go\npackage main\n\nimport \"fmt\"\n\n// sum adds the numbers.\nfunc sum(xs []int) int {\n\ttotal := 0\n\tfor _, x := range xs {\n\t\ttotal += x\n\t}\n\treturn total\n}\n\nfunc main() {\n\tfmt.Println(sum([]int{1, 2, 3}))\n}\n```\n\n",
		"```python\ndef mean(xs):\n    \"\"\"Return the mean of xs.\"\"\"\n    if not xs:\n        return 0.0\n    return sum(xs) / len(xs)\n\n\nprint(mean([1, 2, 3]))\n```\n\n",
	}
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		s := sections[i%len(sections)]
		if strings.Contains(s, "%d") {
			s = fmt.Sprintf(s, i/len(sections)+1)
		}
		b.WriteString(s)
	}
	return b.String()
}
