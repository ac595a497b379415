//go:build browser

package browser

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The servers and the browser are shared by all tests of the package: a
// Jupyter server starts in seconds, Chromium in one, a kernel in less;
// per test they would cost more than the tests.

// server is a running Jupyter server of the tests.
type server struct {
	name  string // for messages: "JupyterLab", "Notebook"
	base  string // http://127.0.0.1:PORT
	token string
	root  string // the directory it serves
	cmd   *exec.Cmd
	log   *os.File
}

// url is the server's address of path, with the token.
func (s *server) url(path string) string {
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	return s.base + path + sep + "token=" + s.token
}

var (
	repo        string // the repository's root
	screenshots string // where each test saves its screenshot
	lab, nb6    *server
	browserCtx  context.Context // the browser; tests open tabs in it
)

func TestMain(m *testing.M) {
	code, err := run(m)
	if err != nil {
		fmt.Fprintln(os.Stderr, "browser tests:", err)
		os.Exit(2)
	}
	os.Exit(code)
}

func run(m *testing.M) (int, error) {
	var err error
	if repo, err = filepath.Abs(".."); err != nil {
		return 0, err
	}
	screenshots = filepath.Join(repo, "build", "screenshots")
	if err := os.MkdirAll(screenshots, 0o755); err != nil {
		return 0, err
	}
	tmp, err := os.MkdirTemp("", "gopar-browser-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(tmp)
	if err := isolate(tmp); err != nil {
		return 0, err
	}
	bin, err := goparBinary(tmp)
	if err != nil {
		return 0, err
	}
	if out, err := exec.Command(bin, "install").CombinedOutput(); err != nil {
		return 0, fmt.Errorf("gopar install: %v\n%s", err, out)
	}
	if out, err := exec.Command(filepath.Join(repo, "scripts", "lab.sh"), "build").CombinedOutput(); err != nil {
		return 0, fmt.Errorf("building JupyterLab (scripts/lab.sh build): %v\n%s", err, out)
	}
	token := randomToken()
	if lab, err = startServer(tmp, "JupyterLab", token, func(port int, root string) *exec.Cmd {
		return exec.Command(filepath.Join(repo, "scripts", "lab.sh"), "serve", fmt.Sprint(port), token, root)
	}); err != nil {
		return 0, err
	}
	defer lab.stop()
	if nb6, err = startServer(tmp, "Notebook", token, func(port int, root string) *exec.Cmd {
		return exec.Command("jupyter-notebook", "--no-browser", "--allow-root", "--ip=127.0.0.1",
			fmt.Sprintf("--port=%d", port), "--NotebookApp.token="+token, "--notebook-dir="+root)
	}); err != nil {
		return 0, err
	}
	defer nb6.stop()
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium()),
		chromedp.NoSandbox,
		chromedp.WindowSize(1400, 900),
		chromedp.Flag("disable-gpu", true),
	)...)
	defer cancelAlloc()
	var cancelBrowser context.CancelFunc
	browserCtx, cancelBrowser = chromedp.NewContext(alloc)
	defer cancelBrowser()
	if err := chromedp.Do(browserCtx); err != nil {
		return 0, fmt.Errorf("starting Chromium (%s): %w", chromium(), err)
	}
	return m.Run(), nil
}

// isolate points Jupyter and gopar at directories of the test's own, as
// the integration tests do: the kernelspec, runtime files, history and
// plugin cache of the user stay untouched.
func isolate(tmp string) error {
	for name, dir := range map[string]string{
		"JUPYTER_DATA_DIR":    "data",
		"JUPYTER_RUNTIME_DIR": "runtime",
		"JUPYTER_CONFIG_DIR":  "config",
		"GOPAR_JIT_CACHE":     "jit",
	} {
		path := filepath.Join(tmp, dir)
		if err := os.MkdirAll(path, 0o700); err != nil {
			return err
		}
		os.Setenv(name, path)
	}
	os.Setenv("GOPAR_HISTORY", filepath.Join(tmp, "history.sqlite"))
	return nil
}

// goparBinary is $GOPAR_BIN, or gopar built from the repository.
func goparBinary(tmp string) (string, error) {
	if bin := os.Getenv("GOPAR_BIN"); bin != "" {
		return filepath.Abs(bin)
	}
	bin := filepath.Join(tmp, "gopar")
	cmd := exec.Command("go", "build", "-trimpath", "-o", bin, ".")
	cmd.Dir = repo
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return bin, nil
}

// chromium is the browser's executable: $CHROMIUM, or Debian's.
func chromium() string {
	if c := os.Getenv("CHROMIUM"); c != "" {
		return c
	}
	return "/usr/bin/chromium"
}

func randomToken() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// startServer starts a Jupyter server on a free port, serving a copy of
// the workshop's notebooks, and waits until it answers.
func startServer(tmp, name, token string, command func(port int, root string) *exec.Cmd) (*server, error) {
	root := filepath.Join(tmp, strings.ToLower(name))
	if err := copyNotebooks(root); err != nil {
		return nil, err
	}
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	log, err := os.Create(filepath.Join(repo, "build", "screenshots", strings.ToLower(name)+"-server.log"))
	if err != nil {
		return nil, err
	}
	cmd := command(port, root)
	cmd.Stdout, cmd.Stderr = log, log
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %s: %w", name, err)
	}
	s := &server{name: name, base: fmt.Sprintf("http://127.0.0.1:%d", port), token: token, root: root, cmd: cmd, log: log}
	deadline := time.Now().Add(60 * time.Second)
	for {
		resp, err := http.Get(s.url("/api/status"))
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return s, nil
			}
		}
		if time.Now().After(deadline) {
			s.stop()
			return nil, fmt.Errorf("%s did not answer on %s within 60 s; its log is %s", name, s.base, log.Name())
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// stop shuts down the server's kernels, then the server.
func (s *server) stop() {
	if kernels, err := s.kernels(); err == nil {
		for _, id := range kernels {
			req, _ := http.NewRequest(http.MethodDelete, s.url("/api/kernels/"+id), nil)
			if resp, err := http.DefaultClient.Do(req); err == nil {
				resp.Body.Close()
			}
		}
	}
	syscall.Kill(-s.cmd.Process.Pid, syscall.SIGTERM)
	done := make(chan struct{})
	go func() { s.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		syscall.Kill(-s.cmd.Process.Pid, syscall.SIGKILL)
		<-done
	}
	s.log.Close()
}

// kernels are the ids of the server's running kernels.
func (s *server) kernels() ([]string, error) {
	resp, err := http.Get(s.url("/api/kernels"))
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var list []struct {
		ID string `json:"id"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&list); err != nil {
		return nil, err
	}
	ids := make([]string, len(list))
	for i, k := range list {
		ids[i] = k.ID
	}
	return ids, nil
}

// copyNotebooks copies the workshop's notebooks, and what they read, into
// root: a test's run must not write into the repository.
func copyNotebooks(root string) error {
	src := filepath.Join(repo, "notebooks")
	return filepath.Walk(src, func(path string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		dst := filepath.Join(root, rel)
		if info.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		in, err := os.Open(path)
		if err != nil {
			return err
		}
		defer in.Close()
		out, err := os.Create(dst)
		if err != nil {
			return err
		}
		if _, err := io.Copy(out, in); err != nil {
			out.Close()
			return err
		}
		return out.Close()
	})
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// tab opens a new browser tab for the test, which saves its screenshot,
// and the page's HTML when the test failed, as it ends.
func tab(t *testing.T, timeout time.Duration) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browserCtx)
	ctx, cancelTimeout := context.WithTimeout(ctx, timeout)
	t.Cleanup(func() {
		name := strings.ReplaceAll(t.Name(), "/", "-")
		// A fresh context: the test's may have timed out.
		shotCtx, cancelShot := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancelShot()
		if png, err := chromedp.Run(shotCtx, chromedp.FullScreenshot(100)); err == nil {
			os.WriteFile(filepath.Join(screenshots, name+".png"), png, 0o644)
		}
		if t.Failed() {
			if html, err := chromedp.Run(shotCtx, chromedp.OuterHTML(chromedp.CSS("html"))); err == nil {
				os.WriteFile(filepath.Join(screenshots, name+".html"), []byte(html), 0o644)
			}
		}
		cancelTimeout()
		cancel()
	})
	return ctx
}

// waitFor runs actions and fails the test, naming what it waited for,
// when they fail or time out.
func waitFor(t *testing.T, ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("waiting for %s: %v", what, err)
	}
}

// poll evaluates the JavaScript expression js until it gives true.
func poll(t *testing.T, ctx context.Context, what, js string, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			t.Fatalf("waited %s for %s (last error: %v)", timeout, what, err)
		}
		time.Sleep(250 * time.Millisecond)
	}
}

// holds evaluates the JavaScript expression js until it gives true, and
// tells whether it did within timeout.
func holds(ctx context.Context, js string, timeout time.Duration) bool {
	for deadline := time.Now().Add(timeout); ; time.Sleep(200 * time.Millisecond) {
		if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js)); err == nil && ok {
			return true
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			return false
		}
	}
}

// pressUntil presses a key, after prepare (which puts the editor's cursor
// where the key is to act), until the JavaScript condition js holds: a key
// the page takes before its editor or kernel is ready does nothing, and a
// person would press it again.
func pressUntil(t *testing.T, ctx context.Context, what string, prepare chromedp.Action[chromedp.Void], key chromedp.Action[chromedp.Void], js string) {
	t.Helper()
	for try := 0; try < 5; try++ {
		waitFor(t, ctx, "the editor to be ready for "+what, prepare)
		waitFor(t, ctx, "a key press for "+what, key)
		if holds(ctx, js, 4*time.Second) {
			return
		}
	}
	t.Fatalf("waited for %s: five key presses, 4 s each, gave nothing", what)
}

// workshopNotebooks are the paths, in s's root, of the workshop's notebooks
// (those of notebooks/, not those other tests made there).
func workshopNotebooks(s *server) ([]string, error) {
	names, err := filepath.Glob(filepath.Join(repo, "notebooks", "*.ipynb"))
	if err != nil || len(names) == 0 {
		return nil, fmt.Errorf("no notebooks in %s: %v", filepath.Join(repo, "notebooks"), err)
	}
	paths := make([]string, len(names))
	for i, n := range names {
		paths[i] = filepath.Join(s.root, filepath.Base(n))
	}
	return paths, nil
}

// checkRendered checks that the page shows what the notebook at path
// makes: its Markdown rendered (in elements of class markdown), and in
// its outputs (class output) images where it plots or draws task graphs
// and tables where it makes them. It returns the notebook's source.
func checkRendered(t *testing.T, ctx context.Context, path, markdown, output string) string {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(src)
	expect := func(what, selector string, cond bool) {
		if cond && count(t, ctx, selector) == 0 {
			t.Errorf("no %s in the page (%s)", what, selector)
		}
	}
	expect("rendered Markdown heading", markdown+" h1, "+markdown+" h2", true)
	// A table (plot.NewTable) is no image; any other use of plot draws one.
	drawn := strings.Contains(strings.ReplaceAll(text, "plot.NewTable", ""), "plot.") || strings.Contains(text, "Visualize")
	expect("image (plot or figure)", output+" img, "+output+" svg", drawn)
	expect("table", output+" table", strings.Contains(text, "<table") || strings.Contains(text, "plot.NewTable"))
	return text
}
