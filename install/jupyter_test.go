package install

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestJupyterListsKernelspec installs into a temporary Jupyter data dir and
// asks Jupyter itself which kernelspecs it sees.
func TestJupyterListsKernelspec(t *testing.T) {
	const jupyter = "/usr/bin/jupyter"
	if _, err := os.Stat(jupyter); err != nil {
		t.Skipf("%s is absent", jupyter)
	}
	data := realTempDir(t)
	t.Setenv("JUPYTER_DATA_DIR", data)
	t.Setenv("JUPYTER_CONFIG_DIR", t.TempDir())
	exe := "/opt/gopar/bin/gopar"

	dir, err := Install(Options{User: true, Executable: exe})
	if err != nil {
		t.Fatal(err)
	}
	type listing struct {
		Kernelspecs map[string]struct {
			ResourceDir string `json:"resource_dir"`
			Spec        struct {
				Argv          []string `json:"argv"`
				DisplayName   string   `json:"display_name"`
				Language      string   `json:"language"`
				InterruptMode string   `json:"interrupt_mode"`
			} `json:"spec"`
		} `json:"kernelspecs"`
	}
	list := func() listing {
		t.Helper()
		cmd := exec.Command(jupyter, "kernelspec", "list", "--json")
		cmd.Env = append(os.Environ(), "JUPYTER_DATA_DIR="+data)
		out, err := cmd.Output()
		if err != nil {
			if ee, ok := err.(*exec.ExitError); ok {
				t.Logf("stderr: %s", ee.Stderr)
			}
			t.Fatalf("jupyter kernelspec list: %v", err)
		}
		var l listing
		if err := json.Unmarshal(out, &l); err != nil {
			t.Fatalf("jupyter kernelspec list: %v\n%s", err, out)
		}
		return l
	}

	ks, ok := list().Kernelspecs["gopar"]
	if !ok {
		t.Fatal(`jupyter kernelspec list does not show "gopar"`)
	}
	if got, _ := filepath.EvalSymlinks(ks.ResourceDir); got != dir {
		t.Errorf("resource_dir = %q, want %q", ks.ResourceDir, dir)
	}
	if len(ks.Spec.Argv) != 4 || ks.Spec.Argv[0] != exe || ks.Spec.Argv[3] != "{connection_file}" {
		t.Errorf("argv = %q", ks.Spec.Argv)
	}
	if ks.Spec.DisplayName != "Go (gopar)" || ks.Spec.Language != "go" || ks.Spec.InterruptMode != "message" {
		t.Errorf("spec = %+v", ks.Spec)
	}

	if _, err := Uninstall(Options{}); err != nil {
		t.Fatal(err)
	}
	if ks, ok := list().Kernelspecs["gopar"]; ok && ks.ResourceDir == dir {
		t.Error("jupyter still lists the kernelspec after Uninstall")
	}
}
