package session

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The tests in this file re-execute the test binary as a child process
// that runs TestHelperProcess in the mode named by this variable.
const childEnv = "LOCKCHAT_SESSION_CHILD"

// TestHelperProcess is the child's side; it does nothing in a normal run.
func TestHelperProcess(t *testing.T) {
	mode := os.Getenv(childEnv)
	if mode == "" {
		t.Skip("runs only as a child process")
	}
	var err error
	switch mode {
	case "stream":
		err = childStream(os.Getenv("LOCKCHAT_DB"))
	case "writer":
		err = childWriter(os.Getenv("LOCKCHAT_DB"))
	default:
		err = fmt.Errorf("unknown mode %q", mode)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		os.Exit(1)
	}
	os.Exit(0)
}

// childStream streams one reply forever, printing "ack N" once delta N
// has been handed to the store and AppendDelta returned. The first
// reasoningDeltas deltas are reasoning, as a thinking model sends them.
func childStream(path string) error {
	s, _, err := Open(path)
	if err != nil {
		return err
	}
	conv, user, reply := NewID(), NewID(), NewID()
	if err := s.CreateConversation(Conversation{ID: conv}); err != nil {
		return err
	}
	if err := s.AddMessage(Message{ID: user, ConversationID: conv, Role: RoleUser, Content: "go"}); err != nil {
		return err
	}
	if err := s.AddMessage(Message{ID: reply, ConversationID: conv, Role: RoleAssistant}); err != nil {
		return err
	}
	fmt.Fprintf(os.Stdout, "msg %s %s\n", conv, reply)
	for i := 0; i < 1_000_000; i++ {
		appendPart := s.AppendDelta
		if i < reasoningDeltas {
			appendPart = s.AppendReasoning
		}
		if err := appendPart(reply, delta(i)); err != nil {
			return err
		}
		fmt.Fprintf(os.Stdout, "ack %d\n", i) // os.Stdout is unbuffered.
	}
	return s.Close()
}

func delta(i int) string { return "d" + strconv.Itoa(i) + ";" }

// reasoningDeltas is how many of the streaming child's first deltas are
// reasoning.
const reasoningDeltas = 40

// childWriter writes whole conversations, as a second lockchat would.
func childWriter(path string) error {
	s, _, err := Open(path)
	if err != nil {
		return err
	}
	conv := NewID()
	if err := s.CreateConversation(Conversation{ID: conv}); err != nil {
		return err
	}
	for turn := range writerTurns {
		user, reply := NewID(), NewID()
		if err := s.AddMessage(Message{ID: user, ConversationID: conv, Role: RoleUser, Content: fmt.Sprint("q", turn)}); err != nil {
			return err
		}
		if err := s.AddMessage(Message{ID: reply, ConversationID: conv, ParentID: user, Role: RoleAssistant}); err != nil {
			return err
		}
		for i := range writerDeltas {
			if err := s.AppendDelta(reply, delta(i)); err != nil {
				return err
			}
		}
		if err := s.FinishMessage(reply, Ending{Status: StatusComplete}); err != nil {
			return err
		}
	}
	fmt.Printf("done %s\n", conv)
	return s.Close()
}

const (
	writerTurns  = 20
	writerDeltas = 15
)

func child(t *testing.T, mode, path string) (*exec.Cmd, io.ReadCloser) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), childEnv+"="+mode, "LOCKCHAT_DB="+path)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	must(t, err)
	must(t, cmd.Start())
	return cmd, out
}

func integrityOK(t *testing.T, s *Store) {
	t.Helper()
	var res string
	must(t, s.db.QueryRow(`PRAGMA integrity_check`).Scan(&res))
	if res != "ok" {
		t.Fatalf("integrity_check: %s", res)
	}
	must(t, s.db.QueryRow(`INSERT INTO messages_fts(messages_fts, rank) VALUES ('integrity-check', 1)`).Err())
}

// TestSIGKILLKeepsEveryAcknowledgedDelta kills a streaming child at random
// points, reopens the store each time, and checks that every delta the
// child acknowledged is there, in order, and the reply is stopped.
func TestSIGKILLKeepsEveryAcknowledgedDelta(t *testing.T) {
	if testing.Short() {
		t.Skip("re-executes the test binary many times")
	}
	seed := uint64(time.Now().UnixNano())
	if v, err := strconv.ParseUint(os.Getenv("LOCKCHAT_KILL_SEED"), 10, 64); err == nil {
		seed = v
	}
	t.Logf("seed %d (set LOCKCHAT_KILL_SEED to repeat)", seed)
	rng := rand.New(rand.NewPCG(seed, 0))
	path := filepath.Join(t.TempDir(), FileName)
	budget := time.Now().Add(12 * time.Second)
	kills := 0
	for round := 0; round < 40 && time.Now().Before(budget); round++ {
		killAfter := -1 // -1: kill at once, perhaps while the child opens the store.
		if rng.IntN(6) != 0 {
			killAfter = rng.IntN(300)
		}
		// Peeking lets the child run ahead while the parent does not read
		// its acknowledgements, growing the store; once in four rounds does.
		peek := rng.IntN(4) == 0
		reply, acked := killChild(t, path, killAfter, func(reply string, acked int) {
			if peek {
				peekLive(t, path, reply, acked)
			}
		})

		kills++
		s, _, err := Open(path)
		must(t, err)
		integrityOK(t, s)
		if reply != "" {
			checkRecovered(t, s, reply, acked)
		}
		if logs, _ := filepath.Glob(filepath.Join(logDir(path), "*")); len(logs) != 1 || logs[0] != s.log.path {
			t.Fatalf("delta logs left after recovery: %v", logs)
		}
		must(t, s.Close())
	}
	t.Logf("%d kills", kills)
}

// killChild starts a streaming child, kills it with SIGKILL once it has
// acknowledged killAfter+1 deltas (calling before first), and returns the
// reply it streamed and how many deltas it acknowledged in all (it may get
// further than killAfter before the signal lands).
func killChild(t *testing.T, path string, killAfter int, before func(reply string, acked int)) (reply string, acked int) {
	cmd, out := child(t, "stream", path)
	if killAfter < 0 {
		cmd.Process.Signal(syscall.SIGKILL)
	}
	sc := bufio.NewScanner(out)
	killed := killAfter < 0
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		switch {
		case len(f) == 3 && f[0] == "msg":
			reply = f[2]
		case len(f) == 2 && f[0] == "ack":
			acked++
			if !killed && acked > killAfter {
				before(reply, acked)
				must(t, cmd.Process.Signal(syscall.SIGKILL))
				killed = true
			}
		}
	}
	err := cmd.Wait()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
		t.Fatalf("child was not killed: %v", err)
	}
	return reply, acked
}

func checkRecovered(t *testing.T, s *Store, reply string, acked int) {
	t.Helper()
	m, want := loadReply(t, s, reply), acknowledged(acked)
	// The child may have stored one more delta before it could say so.
	got := m.Reasoning + m.Content
	if got != want && got != want+delta(acked) {
		t.Fatalf("after %d acknowledged deltas the reply holds %q", acked, tail(got))
	}
	checkSplit(t, m)
	if m.Status != StatusStopped {
		t.Fatalf("recovered reply is %s, want stopped", m.Status)
	}
}

// loadReply loads the conversation of the reply and returns the reply,
// its last message.
func loadReply(t *testing.T, s *Store, reply string) Message {
	t.Helper()
	var conv string
	must(t, s.db.QueryRow(`SELECT conversation_id FROM messages WHERE id = ?`, reply).Scan(&conv))
	_, msgs, err := s.Load(conv)
	must(t, err)
	return msgs[len(msgs)-1]
}

// acknowledged is the text of the first n deltas.
func acknowledged(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(delta(i))
	}
	return b.String()
}

// peekLive opens the store beside a live child and checks that the reply
// it streams shows every delta acknowledged so far, read from its log.
func peekLive(t *testing.T, path, reply string, acked int) {
	t.Helper()
	s, _, err := Open(path)
	must(t, err)
	defer s.Close()
	m := loadReply(t, s, reply)
	if m.Status != StatusStreaming || !strings.HasPrefix(m.Reasoning+m.Content, acknowledged(acked)) {
		t.Fatalf("a live reply after %d deltas reads %q %s", acked, tail(m.Reasoning+m.Content), m.Status)
	}
	checkSplit(t, m)
}

// checkSplit checks that the reasoning deltas, and only they, were read
// back as reasoning.
func checkSplit(t *testing.T, m Message) {
	t.Helper()
	n := strings.Count(m.Reasoning, ";")
	if m.Reasoning != acknowledged(n) || n > reasoningDeltas || (m.Content != "" && n != reasoningDeltas) {
		t.Fatalf("reasoning %q (%d deltas) before the answer %q", tail(m.Reasoning), n, tail(m.Content))
	}
}

func tail(s string) string {
	if len(s) > 60 {
		return "…" + s[len(s)-60:]
	}
	return s
}

// TestProcessesWriteAtOnce runs several writers on one fresh store at the
// same time, each with its own conversation.
func TestProcessesWriteAtOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("re-executes the test binary")
	}
	path := filepath.Join(t.TempDir(), FileName)
	const n = 3
	type result struct {
		conv string
		err  error
	}
	results := make(chan result, n)
	for range n {
		cmd, out := child(t, "writer", path)
		go func() {
			b, _ := io.ReadAll(out)
			err := cmd.Wait()
			results <- result{strings.TrimPrefix(strings.TrimSpace(string(b)), "done "), err}
		}()
	}
	s := func() *Store {
		var convs []string
		for range n {
			r := <-results
			if r.err != nil {
				t.Fatalf("writer failed: %v", r.err)
			}
			convs = append(convs, r.conv)
		}
		s, _, err := Open(path)
		must(t, err)
		for _, conv := range convs {
			checkWriterConversation(t, s, conv)
		}
		return s
	}()
	defer s.Close()
	integrityOK(t, s)
}

func checkWriterConversation(t *testing.T, s *Store, conv string) {
	t.Helper()
	c, msgs, err := s.Load(conv)
	must(t, err)
	var reply strings.Builder
	for i := range writerDeltas {
		reply.WriteString(delta(i))
	}
	if len(msgs) != 2*writerTurns || c.MessageCount != 2*writerTurns {
		t.Fatalf("conversation %s has %d messages (count %d)", conv, len(msgs), c.MessageCount)
	}
	for i, m := range msgs {
		want := reply.String()
		if i%2 == 0 {
			want = fmt.Sprint("q", i/2)
		}
		if m.Content != want || m.Status != StatusComplete {
			t.Fatalf("message %d = %q %s", i, m.Content, m.Status)
		}
	}
}
