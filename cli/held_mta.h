#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "config/config.h"

namespace rapport {

// True for a Postfix queue id: a short id of 6 to 20 upper-case hex
// digits, or a long id (enable_long_queue_ids) of 10 to 30 characters of
// Postfix's long-id alphabet (digits and consonants, either case); or for a
// Sendmail queue id: 14 to 20 characters of 0-9, A-Z and a-x (its base-60
// date and time, then the process id). Such an id never starts with '-' and
// holds no shell or path character, so it can be passed as one argv word
// without "--" (postsuper and postcat would take "--" as an end of options,
// but a configured command need not).
bool IsValidQueueId(std::string_view queue_id);

// OK when IsValidQueueId(queue_id), else InvalidArgument naming the id.
Status CheckQueueId(std::string_view queue_id);

// The argv of `command_template` for `queue_id`: each "{queue_id}" replaced
// in every word. InvalidArgument, naming the id, when the id is not valid
// or the template is empty.
Status BuildMtaArgv(const std::vector<std::string>& command_template, std::string_view queue_id,
                    std::vector<std::string>* argv);

// Runs argv[0] from PATH with argv, without a shell, its standard input
// /dev/null, and collects its standard output (at most `max_output` bytes
// are kept). Fails with one line naming the command, its exit status (or
// signal) and its first line of standard error when it cannot start or
// exits non-zero.
Status RunCommand(const std::vector<std::string>& argv, std::string* output,
                  size_t max_output = 64u << 20);

// RunCommand with `input` written to the command's standard input (a
// message for sendmail); at most 4 KiB of its output is kept. A command
// that exits before reading all of it fails only by its exit status.
Status RunCommandWithInput(const std::vector<std::string>& argv, std::string_view input,
                           std::string* output);

// The MTA's hold queue as rapportctl held acts on it.
class MtaQueue {
 public:
  virtual ~MtaQueue() = default;
  // Lets a held message go on to delivery (then asks for its delivery now).
  virtual Status Release(const std::string& queue_id) = 0;
  // Deletes a message from the queue.
  virtual Status Remove(const std::string& queue_id) = 0;
  // The queue file as the show command prints it; the message stays queued.
  virtual Status Show(const std::string& queue_id, std::string* output) = 0;
};

// MtaQueue running the configured commands ([mta] in rapport.conf).
class CommandMtaQueue : public MtaQueue {
 public:
  explicit CommandMtaQueue(MtaCommands commands) : commands_(std::move(commands)) {}
  Status Release(const std::string& queue_id) override;
  Status Remove(const std::string& queue_id) override;
  Status Show(const std::string& queue_id, std::string* output) override;

 private:
  Status Run(const std::vector<std::string>& command_template, const std::string& queue_id,
             std::string* output);
  const MtaCommands commands_;
};

// The message itself in postcat output: the "*** MESSAGE CONTENTS" section
// when there is one, otherwise every line but postcat's "*** ... ***"
// section markers.
std::string ExtractQueuedMessage(std::string_view postcat_output);

}  // namespace rapport
