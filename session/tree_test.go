package session

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/lockchat/lockchat/client"
)

// chain links msgs one after another, as a conversation without branches.
func chain(msgs ...Message) []Message {
	for i := range msgs {
		if msgs[i].ID == "" {
			msgs[i].ID = fmt.Sprint("m", i)
		}
		if i > 0 && msgs[i].ParentID == "" {
			msgs[i].ParentID = msgs[i-1].ID
		}
	}
	return msgs
}

func ids(msgs []Message) []string {
	var out []string
	for _, m := range msgs {
		out = append(out, m.ID)
	}
	return out
}

func TestTreeFollowsTheBranchInUse(t *testing.T) {
	// u1 -> a1 -> u2 -> a2, then a2 regenerated as a2b, then u2 edited as u2b -> a3.
	msgs := []Message{
		{ID: "u1", Role: RoleUser}, {ID: "a1", ParentID: "u1", Role: RoleAssistant},
		{ID: "u2", ParentID: "a1", Role: RoleUser}, {ID: "a2", ParentID: "u2", Role: RoleAssistant},
		{ID: "a2b", ParentID: "u2", Role: RoleAssistant},
		{ID: "u2b", ParentID: "a1", Role: RoleUser}, {ID: "a3", ParentID: "u2b", Role: RoleAssistant},
	}
	tr := NewTree(msgs)
	for leaf, want := range map[string]string{
		"":    "[u1 a1 u2b a3]",
		"a2":  "[u1 a1 u2 a2]",
		"a2b": "[u1 a1 u2 a2b]",
		"u2":  "[u1 a1 u2]",
		"zzz": "[u1 a1 u2b a3]",
	} {
		if got := fmt.Sprint(ids(tr.Path(leaf))); got != want {
			t.Errorf("Path(%q) = %s, want %s", leaf, got, want)
		}
	}
	if got := fmt.Sprint(tr.Siblings("a2b")); got != "[a2 a2b]" {
		t.Errorf("siblings of a2b: %s", got)
	}
	if got := fmt.Sprint(tr.Siblings("u1")); got != "[u1]" {
		t.Errorf("siblings of the root: %s", got)
	}
	if got := tr.NewestLeaf("u2"); got != "a2b" {
		t.Errorf("newest leaf under u2: %s", got)
	}
	if got := tr.Branches(); got != 3 {
		t.Errorf("%d branches, want 3", got)
	}
}

func TestTreePathSurvivesACycle(t *testing.T) {
	msgs := []Message{{ID: "a", ParentID: "b"}, {ID: "b", ParentID: "a"}}
	if got := len(NewTree(msgs).Path("b")); got != 2 {
		t.Errorf("a cycle gave a path of %d messages", got)
	}
}

func TestHistoryLeavesOutWhatTheServerMustNotSee(t *testing.T) {
	path := chain(
		Message{Role: RoleUser, Content: "first"},
		Message{Role: RoleAssistant, Content: "answer", Reasoning: "secret thinking"},
		Message{Role: RoleUser, Content: "stopped before any text"},
		Message{Role: RoleAssistant, Content: "", Status: StatusStopped},
		Message{Role: RoleUser, Content: "failed"},
		Message{Role: RoleAssistant, Content: " ", Status: StatusError},
		Message{Role: RoleUser, Content: "now"},
	)
	got := History("be brief", path)
	want := []client.Message{
		{Role: client.RoleSystem, Content: "be brief"},
		{Role: client.RoleUser, Content: "first"},
		{Role: client.RoleAssistant, Content: "answer"},
		{Role: client.RoleUser, Content: "now"},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("history\n got %v\nwant %v", got, want)
	}
}

// The history of any branch of any tree alternates user and assistant
// turns after the system prompt, ends with the prompt being sent, and
// holds no empty reply: a property over random trees.
func TestHistoryIsAlwaysAlternating(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 500 {
		var msgs []Message
		for i := range 1 + rng.IntN(30) {
			m := Message{ID: fmt.Sprint(round, "-", i), Role: RoleUser, Content: "q"}
			if i > 0 {
				parent := msgs[rng.IntN(len(msgs))]
				m.ParentID = parent.ID
				if parent.Role == RoleUser {
					m.Role = RoleAssistant
					m.Content = []string{"", "a", " "}[rng.IntN(3)]
				}
			}
			msgs = append(msgs, m)
		}
		tr := NewTree(msgs)
		for _, leaf := range msgs {
			path := tr.Path(leaf.ID)
			if leaf.Role != RoleUser {
				continue // a request is sent from a prompt
			}
			h := History("", path)
			for i, cm := range h {
				wantRole := client.RoleUser
				if i%2 == 1 {
					wantRole = client.RoleAssistant
				}
				if cm.Role != wantRole || cm.Content == "" || cm.Content == " " {
					t.Fatalf("round %d: history %v breaks alternation at %d", round, h, i)
				}
			}
			if len(h) == 0 || h[len(h)-1].Role != client.RoleUser {
				t.Fatalf("round %d: history %v does not end with the prompt", round, h)
			}
		}
	}
}
