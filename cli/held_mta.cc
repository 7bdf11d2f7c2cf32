#include "cli/held_mta.h"

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string_view>

extern char** environ;

namespace rapport {

namespace {

constexpr std::string_view kShortIdAlphabet = "0123456789ABCDEF";
constexpr std::string_view kLongIdAlphabet = "0123456789BCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz";
// Sendmail 8.12 and later: the date and time in base 60, then digits.
constexpr std::string_view kSendmailIdAlphabet =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwx";
constexpr size_t kMaxErrorBytes = 4096;

bool AllOf(std::string_view text, std::string_view alphabet) {
  return text.find_first_not_of(alphabet) == std::string_view::npos;
}

std::string FirstLine(const std::string& text) {
  const size_t end = text.find('\n');
  return end == std::string::npos ? text : text.substr(0, end);
}

std::string CommandLine(const std::vector<std::string>& argv) {
  std::string line;
  for (const std::string& word : argv) line += (line.empty() ? "" : " ") + word;
  return line;
}

// Writes `input` to in_fd (non-blocking; closed once written or refused)
// while reading both pipes until both close, keeping at most the given
// bytes. A command that exits without reading its input ends the write
// with EPIPE, never a SIGPIPE (blocked here, and consumed if raised).
void Exchange(int in_fd, std::string_view input, int out_fd, int err_fd, std::string* out,
              size_t max_out, std::string* err) {
  sigset_t pipe_signal;
  sigset_t previous;
  sigemptyset(&pipe_signal);
  sigaddset(&pipe_signal, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &pipe_signal, &previous);
  if (in_fd >= 0 && input.empty()) {
    close(in_fd);
    in_fd = -1;
  }
  pollfd fds[3] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}, {in_fd, POLLOUT, 0}};
  char chunk[65536];
  while (fds[0].fd >= 0 || fds[1].fd >= 0 || fds[2].fd >= 0) {
    if (poll(fds, 3, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (fds[2].fd >= 0 && fds[2].revents != 0) {
      const ssize_t n = write(fds[2].fd, input.data(), input.size());
      if (n > 0) input.remove_prefix(static_cast<size_t>(n));
      if (input.empty() || (n < 0 && errno != EINTR && errno != EAGAIN)) {
        close(fds[2].fd);
        fds[2].fd = -1;
      }
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      const ssize_t n = read(fds[i].fd, chunk, sizeof(chunk));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        fds[i].fd = -1;
        continue;
      }
      std::string* sink = i == 0 ? out : err;
      const size_t limit = i == 0 ? max_out : kMaxErrorBytes;
      if (sink->size() < limit) {
        sink->append(chunk, std::min(static_cast<size_t>(n), limit - sink->size()));
      }
    }
  }
  if (fds[2].fd >= 0) close(fds[2].fd);
  const timespec no_wait = {0, 0};
  while (sigtimedwait(&pipe_signal, nullptr, &no_wait) > 0) {
  }
  pthread_sigmask(SIG_SETMASK, &previous, nullptr);
}

// Runs argv without a shell; with `input` non-null, writes it to the
// command's standard input, else gives it /dev/null.
Status Spawn(const std::vector<std::string>& argv, const std::string_view* input,
             std::string* output, size_t max_output) {
  if (argv.empty()) return Status::InvalidArgument("empty command");
  int out_pipe[2];
  int err_pipe[2] = {-1, -1};
  int in_pipe[2] = {-1, -1};
  if (pipe2(out_pipe, O_CLOEXEC) != 0)
    return Status::IoError("pipe: " + std::string(strerror(errno)));
  if (pipe2(err_pipe, O_CLOEXEC) != 0 || (input && pipe2(in_pipe, O_CLOEXEC) != 0)) {
    const std::string why = strerror(errno);
    for (int fd : {out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) {
      if (fd >= 0) close(fd);
    }
    return Status::IoError("pipe: " + why);
  }
  if (input) fcntl(in_pipe[1], F_SETFL, O_NONBLOCK);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (input) {
    posix_spawn_file_actions_adddup2(&actions, in_pipe[0], STDIN_FILENO);
  } else {
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  }
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], STDERR_FILENO);
  std::vector<char*> args;
  for (const std::string& word : argv) args.push_back(const_cast<char*>(word.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(out_pipe[1]);
  close(err_pipe[1]);
  if (input) close(in_pipe[0]);
  std::string out;
  std::string err;
  if (spawned == 0) {
    Exchange(in_pipe[1], input ? *input : std::string_view(), out_pipe[0], err_pipe[0], &out,
             max_output, &err);
  } else if (input) {
    close(in_pipe[1]);
  }
  close(out_pipe[0]);
  close(err_pipe[0]);
  if (spawned != 0) {
    return Status::IoError("cannot run '" + argv[0] + "': " + std::strerror(spawned));
  }
  int wait_status = 0;
  while (waitpid(pid, &wait_status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(wait_status) || WEXITSTATUS(wait_status) != 0) {
    std::string why = WIFEXITED(wait_status)
                          ? "exit status " + std::to_string(WEXITSTATUS(wait_status))
                          : "killed by signal " + std::to_string(WTERMSIG(wait_status));
    const std::string first_error = FirstLine(err);
    if (!first_error.empty()) why += ": " + first_error;
    return Status::IoError("'" + CommandLine(argv) + "' failed: " + why);
  }
  if (output != nullptr) *output = std::move(out);
  return Status::Ok();
}

}  // namespace

bool IsValidQueueId(std::string_view id) {
  const bool short_id = id.size() >= 6 && id.size() <= 20 && AllOf(id, kShortIdAlphabet);
  const bool long_id = id.size() >= 10 && id.size() <= 30 && AllOf(id, kLongIdAlphabet);
  const bool sendmail_id = id.size() >= 14 && id.size() <= 20 && AllOf(id, kSendmailIdAlphabet);
  return short_id || long_id || sendmail_id;
}

Status CheckQueueId(std::string_view queue_id) {
  if (IsValidQueueId(queue_id)) return Status::Ok();
  return Status::InvalidArgument("'" + std::string(queue_id) +
                                 "' is not a Postfix or Sendmail queue id");
}

Status BuildMtaArgv(const std::vector<std::string>& command_template, std::string_view queue_id,
                    std::vector<std::string>* argv) {
  const Status valid = CheckQueueId(queue_id);
  if (!valid.ok()) return valid;
  if (command_template.empty()) return Status::InvalidArgument("no MTA command configured");
  constexpr std::string_view kPlaceholder = "{queue_id}";
  argv->clear();
  for (std::string word : command_template) {
    for (size_t at = word.find(kPlaceholder); at != std::string::npos;
         at = word.find(kPlaceholder, at + queue_id.size())) {
      word.replace(at, kPlaceholder.size(), queue_id);
    }
    argv->push_back(std::move(word));
  }
  return Status::Ok();
}

Status RunCommand(const std::vector<std::string>& argv, std::string* output, size_t max_output) {
  return Spawn(argv, nullptr, output, max_output);
}

Status RunCommandWithInput(const std::vector<std::string>& argv, std::string_view input,
                           std::string* output) {
  return Spawn(argv, &input, output, kMaxErrorBytes);
}

Status CommandMtaQueue::Run(const std::vector<std::string>& command_template,
                            const std::string& queue_id, std::string* output) {
  std::vector<std::string> argv;
  Status status = BuildMtaArgv(command_template, queue_id, &argv);
  if (!status.ok()) return status;
  return RunCommand(argv, output);
}

Status CommandMtaQueue::Release(const std::string& queue_id) {
  Status status = Run(commands_.release, queue_id, nullptr);
  if (!status.ok() || commands_.flush.empty()) return status;
  // Released is released: a failed flush only delays delivery to the
  // MTA's next queue run.
  Run(commands_.flush, queue_id, nullptr);
  return Status::Ok();
}

Status CommandMtaQueue::Remove(const std::string& queue_id) {
  return Run(commands_.remove, queue_id, nullptr);
}

Status CommandMtaQueue::Show(const std::string& queue_id, std::string* output) {
  return Run(commands_.show, queue_id, output);
}

std::string ExtractQueuedMessage(std::string_view postcat_output) {
  constexpr std::string_view kContents = "*** MESSAGE CONTENTS";
  std::string message;
  bool in_contents = postcat_output.find(kContents) == std::string_view::npos;
  const bool whole = in_contents;
  size_t start = 0;
  while (start < postcat_output.size()) {
    size_t end = postcat_output.find('\n', start);
    if (end == std::string_view::npos) end = postcat_output.size();
    const std::string_view line = postcat_output.substr(start, end - start);
    start = end + 1;
    const bool marker =
        line.size() >= 8 && line.substr(0, 4) == "*** " && line.substr(line.size() - 4) == " ***";
    if (marker) {
      if (!whole) in_contents = line.substr(0, kContents.size()) == kContents;
      continue;
    }
    if (in_contents) {
      message.append(line);
      message.push_back('\n');
    }
  }
  return message;
}

}  // namespace rapport
