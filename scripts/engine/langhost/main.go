// Command pulumi-language-nodejs (Gantry wrapper) is a Node.js language host for the Go-built
// Pulumi engine in scripts/engine.
//
// Why it exists: the only Node.js language host this machine can build is the one inside
// github.com/pulumi/pulumi/sdk/v3@v3.68.0. That host answers RunPlugin with "not supported", but
// CLI v3.248 starts Node.js policy packs (and Node.js plugins in general) by calling RunPlugin on
// the language host of the pack's runtime. So `pulumi preview --policy-pack ...` failed with
// "could not read plugin [...]: not supported".
//
// What it does (kept deliberately small):
//   - It starts the real 3.68 host (the "inner" host, installed beside this binary) with exactly
//     the arguments it was given itself, reads the inner host's port from its first stdout line
//     and dials it.
//   - It serves pulumirpc.LanguageRuntime (3.248 protocol) on 127.0.0.1 and prints its own port
//     as its first stdout line, which is the plugin start-up protocol.
//   - Every method the 3.68 host implements is forwarded to it unchanged (the 3.68 and 3.248
//     protobuf messages are wire compatible; unknown fields survive re-marshalling). Methods the
//     3.68 host does not implement stay Unimplemented, exactly as they were before the wrapper.
//   - RunPlugin is implemented here: it runs `@pulumi/pulumi/cmd/run-policy-pack` (analyzers) or
//     `@pulumi/pulumi/cmd/run-plugin` (resource plugins) from the nearest node_modules above the
//     plugin directory with node, and streams the child's stdout/stderr and exit code back.
//   - Everything else the inner host writes to stdout/stderr after its port line (program output
//     of `Run`) is copied through to our own stdout/stderr, where the engine reads it.
//
// Lifetime: the wrapper exits when the inner host exits (the inner host already watches the
// engine's health and leaves when the engine goes away). On SIGINT/SIGTERM it interrupts the inner
// host and any running plugin children, then exits. On Linux the inner host is also bound to the
// wrapper with a parent-death signal, so a SIGKILLed wrapper does not leave it behind.
package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/emptypb"
)

// innerHostName is the file name of the 3.68 host, looked up beside this executable. It does not
// start with "pulumi-" on purpose, so the engine never mistakes it for a plugin. install.sh sets it
// from versions.env (NODEJS_HOST_INNER_BIN) with -ldflags -X.
var innerHostName = "gantry-nodejs-langhost-inner"

const (
	// innerHostEnv overrides the inner host path (tests, debugging).
	innerHostEnv = "GANTRY_NODEJS_INNER_HOST"

	// How long the inner host may take to print its port, and how long children get between the
	// polite signal and SIGKILL when we shut down.
	startTimeout = 60 * time.Second
	stopGrace    = 3 * time.Second

	// maxMessageSize matches the engine's gRPC limit (400 MiB, rpcutil in the Pulumi SDK), so large
	// Run requests or dependency listings pass through the wrapper like they did before.
	maxMessageSize = 400 * 1024 * 1024
)

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "pulumi-language-nodejs (gantry wrapper): "+format+"\n", args...)
}

func main() {
	if err := run(os.Args[1:]); err != nil {
		logf("error: %v", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	// Catch SIGINT/SIGTERM from the start so that a stop request always goes through the orderly
	// shutdown below (the inner host is interrupted directly by the engine as well).
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM)

	innerPath, err := innerHostPath()
	if err != nil {
		return err
	}

	inner, err := startInner(innerPath, args)
	if err != nil {
		return err
	}
	defer inner.stop()

	conn, err := grpc.NewClient("127.0.0.1:"+strconv.Itoa(inner.port),
		grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithDefaultCallOptions(grpc.MaxCallRecvMsgSize(maxMessageSize), grpc.MaxCallSendMsgSize(maxMessageSize)))
	if err != nil {
		return fmt.Errorf("dialling the inner language host on port %d: %w", inner.port, err)
	}
	defer conn.Close()

	// The gRPC server is set up by hand instead of with the SDK's rpcutil, which would pull most of
	// the SDK (and its dependency tree) into this small binary. Same essentials: loopback only,
	// kernel-chosen port, 400 MiB messages, standard health service.
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("listening for the language host gRPC server: %w", err)
	}
	srv := grpc.NewServer(grpc.MaxRecvMsgSize(maxMessageSize), grpc.MaxSendMsgSize(maxMessageSize))
	pulumirpc.RegisterLanguageRuntimeServer(srv, &wrapperHost{inner: pulumirpc.NewLanguageRuntimeClient(conn)})
	healthSrv := health.NewServer()
	healthSrv.SetServingStatus(pulumirpc.LanguageRuntime_ServiceDesc.ServiceName, healthpb.HealthCheckResponse_SERVING)
	healthpb.RegisterHealthServer(srv, healthSrv)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(lis) }()

	// The plugin protocol: our port is the first line on stdout. Only after it is written may the
	// inner host's further stdout be passed through.
	fmt.Printf("%d\n", lis.Addr().(*net.TCPAddr).Port)
	inner.passThroughStdout()

	var result error
	select {
	case <-sigs:
		// The engine interrupts the whole plugin process tree when it is done with us.
	case err := <-inner.exited:
		// The engine stops a plugin by interrupting its whole process tree, so the inner host
		// often sees the signal before we do: that is a normal shutdown, not an error.
		if err != nil && !stoppedBySignal(err) {
			result = fmt.Errorf("inner language host %s exited: %w", innerPath, err)
		}
	case err := <-served:
		if err != nil {
			result = fmt.Errorf("language host gRPC server stopped: %w", err)
		}
	}

	// Stop serving: let in-flight calls finish for a moment, then cut them off (which cancels
	// their contexts and so interrupts RunPlugin children). The inner host is stopped (deferred).
	stopped := make(chan struct{})
	go func() { srv.GracefulStop(); close(stopped) }()
	select {
	case <-stopped:
	case <-time.After(stopGrace):
		srv.Stop()
	}
	return result
}

// stoppedBySignal reports whether a Wait error means the process ended on SIGINT or SIGTERM.
func stoppedBySignal(err error) bool {
	var exitErr *exec.ExitError
	if !errors.As(err, &exitErr) {
		return false
	}
	ws, ok := exitErr.Sys().(syscall.WaitStatus)
	return ok && ws.Signaled() && (ws.Signal() == syscall.SIGINT || ws.Signal() == syscall.SIGTERM)
}

// innerHostPath finds the 3.68 host: $GANTRY_NODEJS_INNER_HOST, else beside this executable.
func innerHostPath() (string, error) {
	if p := os.Getenv(innerHostEnv); p != "" {
		return p, nil
	}
	self, err := os.Executable()
	if err != nil {
		return "", fmt.Errorf("locating this executable: %w", err)
	}
	if resolved, err := filepath.EvalSymlinks(self); err == nil {
		self = resolved
	}
	p := filepath.Join(filepath.Dir(self), innerHostName)
	if _, err := os.Stat(p); err != nil {
		return "", fmt.Errorf("inner Node.js language host not found at %s (scripts/engine/install.sh builds it): %w",
			p, err)
	}
	return p, nil
}

// innerHost is the running 3.68 language host.
type innerHost struct {
	cmd    *exec.Cmd
	port   int
	stdout *bufio.Reader
	exited chan error // receives the Wait result once
	done   chan struct{}
}

func startInner(path string, args []string) (*innerHost, error) {
	cmd := exec.Command(path, args...)
	cmd.Stderr = os.Stderr
	cmd.Stdin = nil
	setParentDeathSignal(cmd)
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting inner language host %s: %w", path, err)
	}
	h := &innerHost{cmd: cmd, stdout: bufio.NewReader(out), exited: make(chan error, 1), done: make(chan struct{})}

	type portResult struct {
		port int
		err  error
	}
	got := make(chan portResult, 1)
	go func() {
		line, err := h.stdout.ReadString('\n')
		if err != nil {
			got <- portResult{err: fmt.Errorf("reading its port: %w (output so far: %q)", err, line)}
			return
		}
		port, err := strconv.Atoi(strings.TrimSpace(line))
		if err != nil || port <= 0 {
			got <- portResult{err: fmt.Errorf("expected a port as its first stdout line, got %q", line)}
			return
		}
		got <- portResult{port: port}
	}()

	select {
	case r := <-got:
		if r.err != nil {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
			return nil, fmt.Errorf("inner language host %s: %w", path, r.err)
		}
		h.port = r.port
	case <-time.After(startTimeout):
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		return nil, fmt.Errorf("inner language host %s printed no port within %s", path, startTimeout)
	}
	return h, nil
}

// passThroughStdout copies the rest of the inner host's stdout (program output) to ours and then
// reaps the process. Wait must follow the copy: it closes the pipe.
func (h *innerHost) passThroughStdout() {
	go func() {
		_, _ = io.Copy(os.Stdout, h.stdout)
		h.exited <- h.cmd.Wait()
		close(h.done)
	}()
}

// stop interrupts the inner host and kills it if it does not leave within stopGrace.
func (h *innerHost) stop() {
	select {
	case <-h.done:
		return
	default:
	}
	_ = h.cmd.Process.Signal(syscall.SIGINT)
	select {
	case <-h.done:
	case <-time.After(stopGrace):
		_ = h.cmd.Process.Kill()
		select {
		case <-h.done:
		case <-time.After(stopGrace):
		}
	}
}

// wrapperHost forwards to the inner host and implements RunPlugin itself.
type wrapperHost struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	inner pulumirpc.LanguageRuntimeClient
}

// The methods the 3.68 host implements (its main.go): GetRequiredPlugins, Run, GetPluginInfo,
// InstallDependencies, About, GetProgramDependencies. RunPlugin there returns "not supported".

func (w *wrapperHost) GetRequiredPlugins(
	ctx context.Context, req *pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	return w.inner.GetRequiredPlugins(ctx, req)
}

func (w *wrapperHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	return w.inner.Run(ctx, req)
}

func (w *wrapperHost) GetPluginInfo(ctx context.Context, req *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return w.inner.GetPluginInfo(ctx, req)
}

func (w *wrapperHost) About(ctx context.Context, req *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	return w.inner.About(ctx, req)
}

func (w *wrapperHost) GetProgramDependencies(
	ctx context.Context, req *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	return w.inner.GetProgramDependencies(ctx, req)
}

func (w *wrapperHost) InstallDependencies(
	req *pulumirpc.InstallDependenciesRequest, server pulumirpc.LanguageRuntime_InstallDependenciesServer,
) error {
	stream, err := w.inner.InstallDependencies(server.Context(), req)
	if err != nil {
		return err
	}
	for {
		msg, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if err := server.Send(msg); err != nil {
			return err
		}
	}
}

// pluginCommand is what RunPlugin executes.
type pluginCommand struct {
	dir  string   // working directory: the plugin / policy pack directory
	args []string // arguments to node
}

// runnerModules maps a plugin kind to the @pulumi/pulumi entry point that hosts it.
var runnerModules = map[string]string{
	"analyzer": "@pulumi/pulumi/cmd/run-policy-pack",
	"resource": "@pulumi/pulumi/cmd/run-plugin",
}

// buildPluginCommand works out how to run a Node.js plugin. Pure apart from file-system lookups,
// so it is unit tested.
//
// Argument conventions of the two entry points (see their index.js / run.js in @pulumi/pulumi):
//   - run-policy-pack: positional <engine-address> <program>; it drops the first positional and
//     loads the program relative to its cwd. This is the `node run-policy-pack <engine> .` call
//     the old pulumi-analyzer-policy script made, with cwd = the pack directory.
//   - run-plugin: positional <program> [program args...]; the program sees the rest as its argv
//     (a provider reads the engine address from there).
//
// The engine puts its own logging/tracing flags (--logtostderr, -v=N, --tracing <url>) in front of
// the plugin arguments. Both entry points parse with minimist, which would treat
// `--logtostderr <engine-address>` as an option with a value and swallow the address, so for
// policy packs those flags are dropped (they only concern Go plugins), and for resource plugins
// everything is passed after `--`, i.e. as plain argv for the plugin program.
func buildPluginCommand(req *pulumirpc.RunPluginRequest) (*pluginCommand, error) {
	runner, ok := runnerModules[req.GetKind()]
	if !ok {
		return nil, status.Errorf(codes.Unimplemented,
			"the gantry Node.js language host cannot run plugins of kind %q (only analyzer and resource)",
			req.GetKind())
	}

	dir, entry := "", "."
	if info := req.GetInfo(); info != nil && info.GetProgramDirectory() != "" {
		dir = info.GetProgramDirectory()
		if info.GetEntryPoint() != "" {
			entry = info.GetEntryPoint()
		}
	} else {
		dir = req.GetProgram() // deprecated field, older engines
	}
	if dir == "" {
		return nil, status.Error(codes.InvalidArgument, "RunPlugin: no program directory in the request")
	}
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(req.GetPwd(), dir)
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, status.Errorf(codes.InvalidArgument, "RunPlugin: plugin directory %s is not a directory", dir)
	}

	script, err := findNodeModule(dir, runner)
	if err != nil {
		return nil, status.Error(codes.FailedPrecondition, err.Error())
	}

	var args []string
	args = append(args, nodeArgsOption(req.GetInfo())...)
	args = append(args, script)
	switch req.GetKind() {
	case "analyzer":
		args = append(args, positionalArgs(req.GetArgs())...)
		args = append(args, entry)
	default:
		args = append(args, "--", entry)
		args = append(args, req.GetArgs()...)
	}
	return &pluginCommand{dir: dir, args: args}, nil
}

// positionalArgs drops the engine's Go-style logging/tracing flags from plugin arguments.
func positionalArgs(in []string) []string {
	var out []string
	for i := 0; i < len(in); i++ {
		a := in[i]
		switch {
		case a == "--tracing" || a == "-tracing":
			i++ // and its value
		case strings.HasPrefix(a, "-") && a != "-" && a != ".":
			// --logtostderr, -v=N, --tracing=url, ...
		default:
			out = append(out, a)
		}
	}
	return out
}

// nodeArgsOption returns the plugin runtime option `nodeargs` (PulumiPlugin.yaml /
// PulumiPolicy.yaml runtime.options.nodeargs), split on white space.
func nodeArgsOption(info *pulumirpc.ProgramInfo) []string {
	if info == nil || info.GetOptions() == nil {
		return nil
	}
	v, ok := info.GetOptions().GetFields()["nodeargs"]
	if !ok {
		return nil
	}
	return strings.Fields(v.GetStringValue())
}

// findNodeModule resolves a package sub-path the way Node does for a plain require: in
// node_modules of dir and of every parent directory. The directory's index.js must exist.
func findNodeModule(dir, module string) (string, error) {
	for d := dir; ; {
		candidate := filepath.Join(d, "node_modules", filepath.FromSlash(module))
		if _, err := os.Stat(filepath.Join(candidate, "index.js")); err == nil {
			return candidate, nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			break
		}
		d = parent
	}
	return "", fmt.Errorf("it looks like the plugin's dependencies are not installed: could not find %s "+
		"in a node_modules directory at or above %s; run npm install", module, dir)
}

// streamSender serialises Send calls on the RunPlugin stream (gRPC streams are not safe for
// concurrent Send).
type streamSender struct {
	mu     *sync.Mutex // shared by the stdout and stderr senders of one call
	server pulumirpc.LanguageRuntime_RunPluginServer
	stderr bool
}

func (s *streamSender) Write(p []byte) (int, error) {
	chunk := append([]byte(nil), p...)
	msg := &pulumirpc.RunPluginResponse{}
	if s.stderr {
		msg.Output = &pulumirpc.RunPluginResponse_Stderr{Stderr: chunk}
	} else {
		msg.Output = &pulumirpc.RunPluginResponse_Stdout{Stdout: chunk}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.server.Send(msg); err != nil {
		return 0, err
	}
	return len(p), nil
}

// RunPlugin runs a Node.js policy pack or plugin and streams its output and exit code.
func (w *wrapperHost) RunPlugin(
	req *pulumirpc.RunPluginRequest, server pulumirpc.LanguageRuntime_RunPluginServer,
) error {
	pc, err := buildPluginCommand(req)
	if err != nil {
		return err
	}
	if req.GetAttachDebugger() {
		logf("RunPlugin: attaching a debugger is not supported; running %s without one", pc.dir)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		return status.Errorf(codes.FailedPrecondition, "could not find node on the PATH: %v", err)
	}

	// The context ends when the engine is done with the plugin (it cancels the call) or the
	// connection drops: interrupt node then, and kill it if it lingers.
	ctx := server.Context()
	cmd := exec.CommandContext(ctx, node, pc.args...)
	cmd.Dir = pc.dir
	cmd.Env = append(os.Environ(), req.GetEnv()...) // later entries win
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGINT) }
	cmd.WaitDelay = stopGrace
	var mu sync.Mutex
	cmd.Stdout = &streamSender{mu: &mu, server: server}
	cmd.Stderr = &streamSender{mu: &mu, server: server, stderr: true}

	if err := cmd.Start(); err != nil {
		return status.Errorf(codes.Internal, "starting %s %s: %v", node, strings.Join(pc.args, " "), err)
	}
	waitErr := cmd.Wait()

	code := 0
	if waitErr != nil {
		var exitErr *exec.ExitError
		if !errors.As(waitErr, &exitErr) {
			if ctx.Err() != nil {
				return status.FromContextError(ctx.Err()).Err()
			}
			return status.Errorf(codes.Internal, "running plugin %s: %v", pc.dir, waitErr)
		}
		code = exitErr.ExitCode() // -1 when killed by a signal
	}
	if ctx.Err() != nil {
		return status.FromContextError(ctx.Err()).Err()
	}
	return server.Send(&pulumirpc.RunPluginResponse{
		Output: &pulumirpc.RunPluginResponse_Exitcode{Exitcode: int32(code)}, //nolint:gosec // exit codes fit
	})
}
