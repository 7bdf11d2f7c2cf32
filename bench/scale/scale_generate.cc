// scale_generate: writes a synthetic history of N relationships for the
// scoring benchmark (bench/scale/scale_bench.sh), through HistoryStore::Learn in
// bulk-load mode as `rapportctl learn` does, so every record is exactly
// what learning real mail would write.
//
//   scale_generate --relationships N --dir PATH --samples FILE [--seed S]
//
// The organisation grows with N: N/20 external senders at N/100 sender
// domains, N/200 internal users (at least 50) in example.com, N/10 link
// domains (the sender domains' own sites, two more per sender, and a few
// tenants of shared platforms). At N = 1,000,000: 50,000 senders, 10,000
// sender domains, 5,000 internal users, 100,000 link domains.
//
// Skew: a sender's number of internal correspondents follows Zipf (the
// biggest reach every internal user and send broadcasts of 100
// recipients); most mail goes to a sender's first correspondents; link
// domains beyond a sender's own are drawn by Zipf popularity. Every
// relationship gets at least one message, so the store holds exactly N.
//
// Writes FILE: the internal users and a traffic-weighted sample of learned
// inbound messages, from which scale_score builds mail that history knows.

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <unordered_set>
#include <vector>

#include "base/clock.h"
#include "bench/scale/scale_sample.h"
#include "bench/scale/synthetic_names.h"
#include "store/history_store.h"

namespace rapport::bench {
namespace {

constexpr char kLocalDomain[] = "example.com";
constexpr int64_t kHistoryStart = 1704067200;  // 2024-01-01
constexpr int64_t kHistorySpan = 730 * kSecondsPerDay;
constexpr size_t kSampleSize = 4000;
// Correspondents beyond this many make a sender a broadcaster.
constexpr size_t kBroadcastReach = 200;
constexpr size_t kBroadcastRecipients = 100;
constexpr size_t kRecipientsPerFirstMessage = 4;
// Shares of the relationship count sent as further inbound mail and as
// replies from the organisation.
constexpr double kFurtherInboundPerRelationship = 0.25;
constexpr double kRepliesPerRelationship = 0.1;

struct Args {
  size_t relationships = 0;
  std::string dir;
  std::string samples;
  uint64_t seed = 20261129;
};

[[noreturn]] void Usage() {
  std::fprintf(stderr,
               "usage: scale_generate --relationships N --dir PATH --samples FILE [--seed S]\n");
  std::exit(2);
}

Args ParseArgs(int argc, char** argv) {
  Args args;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (i + 1 >= argc) Usage();
    const char* value = argv[++i];
    if (flag == "--relationships") {
      args.relationships = std::strtoull(value, nullptr, 10);
    } else if (flag == "--dir") {
      args.dir = value;
    } else if (flag == "--samples") {
      args.samples = value;
    } else if (flag == "--seed") {
      args.seed = std::strtoull(value, nullptr, 10);
    } else {
      Usage();
    }
  }
  if (args.relationships < 1000 || args.dir.empty() || args.samples.empty()) Usage();
  return args;
}

struct LinkName {
  std::string icann;
  std::string private_domain;
};

struct Sender {
  std::string address;
  std::string display_name;  // empty for a sender that shows none
  size_t domain = 0;
  std::vector<uint32_t> correspondents;  // internal user indexes, most mail first
  std::vector<size_t> own_links;         // link indexes it always may link
  // Conversation state while generating.
  std::string thread_root;
  std::string last_id;
  std::string subject;
  size_t next_first_recipient = 0;
  bool linked_own = false;  // its own link domains were learned
};

// What the organisation looks like for a given N (see the file comment).
struct Population {
  std::vector<std::string> sender_domains;
  std::vector<LinkName> links;  // the first sender_domains.size() are the sender domains
  std::vector<std::string> internal_users;
  std::vector<std::string> internal_names;
  std::vector<Sender> senders;
};

// How many internal correspondents each sender has: 1 each, the rest by
// Zipf rank, capped at every internal user; rounding left-overs go one by
// one to senders below the cap, so the total is exactly `total`.
std::vector<size_t> CorrespondentCounts(size_t senders, size_t users, size_t total) {
  std::vector<size_t> counts(senders, 1);
  std::vector<double> weights(senders);
  double sum = 0;
  for (size_t i = 0; i < senders; ++i) sum += weights[i] = 1.0 / static_cast<double>(i + 1);
  size_t assigned = senders;
  const double rest = static_cast<double>(total - senders);
  for (size_t i = 0; i < senders; ++i) {
    const size_t extra = static_cast<size_t>(rest * weights[i] / sum);
    counts[i] = std::min(users, counts[i] + extra);
    assigned += counts[i] - 1;
  }
  for (size_t i = senders - 1; assigned < total; i = i == 0 ? senders - 1 : i - 1) {
    if (counts[i] < users) {
      ++counts[i];
      ++assigned;
    }
  }
  return counts;
}

// `count` distinct internal users for one sender, popular users more often.
std::vector<uint32_t> PickCorrespondents(size_t count, size_t users, const ZipfSampler& popularity,
                                         Random* random) {
  std::vector<uint32_t> picked;
  if (count * 4 > users) {
    std::vector<uint32_t> all(users);
    for (size_t i = 0; i < users; ++i) all[i] = static_cast<uint32_t>(i);
    for (size_t i = 0; i < count; ++i) std::swap(all[i], all[i + random->Below(users - i)]);
    all.resize(count);
    return all;
  }
  std::unordered_set<uint32_t> seen;
  while (picked.size() < count) {
    const auto user = static_cast<uint32_t>(popularity.Sample(random));
    if (seen.insert(user).second) picked.push_back(user);
  }
  return picked;
}

Population BuildPopulation(size_t relationships, Random* random) {
  Population p;
  const size_t senders = relationships / 20;
  const size_t domains = std::max<size_t>(1, senders / 5);
  const size_t users = std::max<size_t>(50, relationships / 200);
  const size_t link_count = relationships / 10;
  NameMaker names(random->Next());

  for (size_t d = 0; d < domains; ++d) {
    p.sender_domains.push_back(names.Domain());
    p.links.push_back({p.sender_domains.back(), p.sender_domains.back()});
  }
  while (p.links.size() < link_count) {
    // One link domain in 30 is a tenant of a shared platform.
    const size_t roll = random->Below(30);
    if (roll == 0) {
      p.links.push_back({"r2.dev", "pub-" + names.Label() + ".r2.dev"});
    } else if (roll == 1) {
      p.links.push_back({"sharepoint.com", names.Label() + ".sharepoint.com"});
    } else {
      const std::string domain = names.Domain();
      p.links.push_back({domain, domain});
    }
  }

  for (size_t u = 0; u < users; ++u) {
    const std::string first = FirstName(u);
    const std::string last = LastName(u / 32);
    const std::string tag = u < 32 * 32 ? std::string() : std::to_string(u / (32 * 32));
    p.internal_users.push_back(first + "." + last + tag + "@" + kLocalDomain);
    p.internal_names.push_back(first + " " + last);
  }

  const std::vector<size_t> counts = CorrespondentCounts(senders, users, relationships);
  const ZipfSampler popularity(users, 0.8);
  const size_t other_links = link_count - domains;
  std::unordered_set<std::string> addresses;
  for (size_t s = 0; s < senders; ++s) {
    Sender sender;
    sender.domain = random->Below(domains);
    const size_t person = random->Below(32 * 32);
    sender.address = FirstName(person) + "." + LastName(person / 32);
    if (!addresses.insert(sender.address + "@" + p.sender_domains[sender.domain]).second) {
      sender.address += std::to_string(s);
    }
    sender.address += "@" + p.sender_domains[sender.domain];
    if (random->Below(10) != 0) {
      sender.display_name = FirstName(person) + " " + LastName(person / 32);
      sender.display_name[0] = static_cast<char>(sender.display_name[0] - 'a' + 'A');
    }
    sender.correspondents = PickCorrespondents(counts[s], users, popularity, random);
    sender.own_links = {sender.domain, domains + (2 * s) % other_links,
                        domains + (2 * s + 1) % other_links};
    p.senders.push_back(std::move(sender));
  }
  return p;
}

enum class EventKind : uint8_t { kFirstContact, kInbound, kReply };

struct Event {
  uint32_t sender;
  EventKind kind;
};

// Every message to learn, in a shuffled (but seeded) order: first-contact
// messages that together reach each correspondent once, further inbound
// mail, and replies from the organisation.
std::vector<Event> PlanEvents(const Population& p, Random* random) {
  std::vector<Event> events;
  for (size_t s = 0; s < p.senders.size(); ++s) {
    const size_t reach = p.senders[s].correspondents.size();
    const size_t per_message =
        reach > kBroadcastReach ? kBroadcastRecipients : kRecipientsPerFirstMessage;
    const auto sender = static_cast<uint32_t>(s);
    for (size_t i = 0; i < (reach + per_message - 1) / per_message; ++i) {
      events.push_back({sender, EventKind::kFirstContact});
    }
    const auto further = [&](double share) {
      const double expected = static_cast<double>(reach) * share;
      auto n = static_cast<size_t>(expected);
      if (random->Unit() < expected - static_cast<double>(n)) ++n;
      return n;
    };
    for (size_t i = further(kFurtherInboundPerRelationship); i > 0; --i) {
      events.push_back({sender, EventKind::kInbound});
    }
    for (size_t i = further(kRepliesPerRelationship); i > 0; --i) {
      events.push_back({sender, EventKind::kReply});
    }
  }
  for (size_t i = events.size(); i > 1; --i) std::swap(events[i - 1], events[random->Below(i)]);
  return events;
}

constexpr const char* kMailers[] = {"Microsoft Outlook 16.0.17231",
                                    "Apple Mail (2.3774)",
                                    "Mozilla/5.0 Thunderbird/115.6.0",
                                    "Zimbra 9.0.0_GA",
                                    "PHPMailer 6.8.1",
                                    ""};
constexpr const char* kSubjectWords[] = {
    "invoice", "order",   "shipment", "contract", "meeting", "budget",  "review",  "schedule",
    "project", "renewal", "quote",    "report",   "update",  "payment", "account", "proposal"};

Link WebLink(const LinkName& name) {
  Link link;
  link.scheme = "https";
  link.host = "www." + name.private_domain;
  link.host_unicode = link.host;
  link.url = "https://" + link.host + "/";
  link.path = "/";
  link.icann_domain = name.icann;
  link.private_domain = name.private_domain;
  link.visible_text = link.host;
  link.source = LinkSource::kHtmlAnchor;
  return link;
}

// Builds and learns each planned message; keeps a reservoir sample.
class HistoryWriter {
 public:
  HistoryWriter(Population* population, HistoryStore* store, Random* random)
      : p_(*population), store_(*store), random_(*random), link_popularity_(p_.links.size(), 1.0) {
    link_rank_.resize(p_.links.size());
    for (size_t i = 0; i < link_rank_.size(); ++i) link_rank_[i] = i;
    for (size_t i = link_rank_.size(); i > 1; --i) {
      std::swap(link_rank_[i - 1], link_rank_[random_.Below(i)]);
    }
  }

  Status Learn(const Event& event, int64_t now) {
    Sender& sender = p_.senders[event.sender];
    Message m;
    LearnRequest request;
    request.message = &m;
    request.now = now;
    m.date = now;
    m.message_id =
        std::to_string(serial_++) + "." + std::to_string(event.sender) + "@" +
        (event.kind == EventKind::kReply ? kLocalDomain : p_.sender_domains[sender.domain]);
    const bool reply = event.kind == EventKind::kReply ||
                       (event.kind == EventKind::kInbound && random_.Below(2) == 0);
    if (reply && !sender.last_id.empty()) {
      m.subject = "RE: " + sender.subject;
      m.in_reply_to = sender.last_id;
      m.references = {sender.thread_root, sender.last_id};
    } else {
      sender.subject = std::string(kSubjectWords[random_.Below(std::size(kSubjectWords))]) + " " +
                       kSubjectWords[random_.Below(std::size(kSubjectWords))] + " " +
                       std::to_string(random_.Below(100000));
      sender.thread_root = m.message_id;
      m.subject = sender.subject;
    }
    sender.last_id = m.message_id;

    if (event.kind == EventKind::kReply) {
      const uint32_t user = sender.correspondents[random_.Skewed(sender.correspondents.size())];
      request.direction = Direction::kOutbound;
      m.from = Address(p_.internal_users[user], p_.internal_names[user]);
      m.to = {Address(sender.address, sender.display_name)};
      request.recipients = {sender.address};
      m.mailer = kMailers[0];
      m.origin_ip = "192.0.2.10";
      if (random_.Below(3) == 0) m.links.push_back(WebLink(PopularLink()));
    } else {
      request.direction = Direction::kInbound;
      m.from = Address(sender.address, sender.display_name);
      request.recipients = InboundRecipients(event, &sender);
      // One inbound message in 20 has a hidden (BCC) recipient.
      const size_t shown = request.recipients.size() > 1 && random_.Below(20) == 0
                               ? request.recipients.size() - 1
                               : request.recipients.size();
      for (size_t i = 0; i < shown; ++i) m.to.push_back(Address(request.recipients[i], ""));
      m.mailer = kMailers[sender.domain % std::size(kMailers)];
      m.origin_ip = "100." + std::to_string(64 + (sender.domain >> 8) % 64) + "." +
                    std::to_string(sender.domain & 255) + ".25";
      AddInboundLinks(&sender, &m);
    }
    m.envelope.mail_from = m.from.address;
    m.envelope.rcpt_to = request.recipients;
    if (request.direction == Direction::kInbound) Sample(m, request.recipients);
    return store_.Learn(request);
  }

  const std::vector<LearnedSample>& samples() const { return samples_; }

 private:
  const LinkName& PopularLink() { return p_.links[link_rank_[link_popularity_.Sample(&random_)]]; }

  std::vector<std::string> InboundRecipients(const Event& event, Sender* sender) {
    std::vector<std::string> out;
    const std::vector<uint32_t>& c = sender->correspondents;
    if (event.kind == EventKind::kFirstContact) {
      const size_t per_message =
          c.size() > kBroadcastReach ? kBroadcastRecipients : kRecipientsPerFirstMessage;
      const size_t end = std::min(c.size(), sender->next_first_recipient + per_message);
      for (size_t i = sender->next_first_recipient; i < end; ++i) {
        out.push_back(p_.internal_users[c[i]]);
      }
      sender->next_first_recipient = end;
      return out;
    }
    const size_t wanted = std::min<size_t>(c.size(), 1 + random_.Below(2));
    while (out.size() < wanted) {
      const std::string& user = p_.internal_users[c[random_.Skewed(c.size())]];
      if (std::find(out.begin(), out.end(), user) == out.end()) out.push_back(user);
    }
    return out;
  }

  // The first inbound message of a sender links all its own domains; later ones
  // link up to three, own or popular.
  void AddInboundLinks(Sender* sender, Message* m) {
    if (!sender->linked_own) {
      for (size_t link : sender->own_links) m->links.push_back(WebLink(p_.links[link]));
      sender->linked_own = true;
      return;
    }
    const size_t count = random_.Below(4);
    for (size_t i = 0; i < count; ++i) {
      const LinkName& name =
          random_.Below(5) < 2
              ? p_.links[sender->own_links[random_.Below(sender->own_links.size())]]
              : PopularLink();
      m->links.push_back(WebLink(name));
    }
  }

  // Reservoir sampling over inbound messages: a sender appears as often as
  // it sends.
  void Sample(const Message& m, const std::vector<std::string>& recipients) {
    ++inbound_seen_;
    size_t slot = samples_.size();
    if (samples_.size() >= kSampleSize) {
      slot = random_.Below(inbound_seen_);
      if (slot >= kSampleSize) return;
    } else {
      samples_.emplace_back();
    }
    LearnedSample& s = samples_[slot];
    s.from = m.from.address;
    s.display_name = m.from.display_name;
    s.recipients = recipients;
    s.message_id = m.message_id;
    s.subject = m.subject;
    s.link_domains.clear();
    for (const Link& link : m.links)
      s.link_domains.emplace_back(link.icann_domain, link.private_domain);
    s.mailer = m.mailer;
    s.origin_ip = m.origin_ip;
  }

  Population& p_;
  HistoryStore& store_;
  Random& random_;
  ZipfSampler link_popularity_;
  std::vector<size_t> link_rank_;  // popularity rank -> link index
  std::vector<LearnedSample> samples_;
  size_t inbound_seen_ = 0;
  uint64_t serial_ = 0;
};

double PeakRssMb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

int Run(const Args& args) {
  Random random(args.seed);
  Population population = BuildPopulation(args.relationships, &random);
  const std::vector<Event> events = PlanEvents(population, &random);

  StoreOptions options;
  options.path = args.dir;
  options.local_domains = {kLocalDomain};
  options.bulk_load = true;
  std::unique_ptr<HistoryStore> store;
  Status status = OpenRocksDbStore(options, &store);
  if (!status.ok()) {
    std::fprintf(stderr, "scale_generate: %s\n", status.ToString().c_str());
    return 1;
  }

  const auto start = std::chrono::steady_clock::now();
  HistoryWriter writer(&population, store.get(), &random);
  size_t replies = 0;
  for (size_t i = 0; i < events.size(); ++i) {
    const int64_t now =
        kHistoryStart + static_cast<int64_t>(static_cast<double>(kHistorySpan) *
                                             static_cast<double>(i) / events.size());
    status = writer.Learn(events[i], now);
    if (!status.ok()) {
      std::fprintf(stderr, "scale_generate: learn: %s\n", status.ToString().c_str());
      return 1;
    }
    if (events[i].kind == EventKind::kReply) ++replies;
  }
  const auto learned = std::chrono::steady_clock::now();
  status = store->Flush();
  if (!status.ok()) {
    std::fprintf(stderr, "scale_generate: flush: %s\n", status.ToString().c_str());
    return 1;
  }
  store.reset();
  const auto done = std::chrono::steady_clock::now();

  SampleFile file;
  file.internal_users = population.internal_users;
  file.samples = writer.samples();
  std::ofstream out(args.samples);
  WriteSampleFile(file, &out);
  out.close();
  if (!out) {
    std::fprintf(stderr, "scale_generate: cannot write %s\n", args.samples.c_str());
    return 1;
  }

  std::unordered_set<std::string> link_keys;
  for (const LinkName& link : population.links) {
    link_keys.insert(link.icann);
    link_keys.insert(link.private_domain);
  }
  const double learn_s = std::chrono::duration<double>(learned - start).count();
  const double total_s = std::chrono::duration<double>(done - start).count();
  std::printf(
      "relationships=%zu senders=%zu sender_domains=%zu internal_users=%zu link_domains=%zu "
      "link_domain_keys=%zu messages=%zu inbound=%zu outbound=%zu learn_s=%.1f "
      "flush_compact_s=%.1f generate_s=%.1f msg_per_s=%.0f peak_rss_mb=%.0f\n",
      args.relationships, population.senders.size(), population.sender_domains.size(),
      population.internal_users.size(), population.links.size(), link_keys.size(), events.size(),
      events.size() - replies, replies, learn_s, total_s - learn_s, total_s,
      static_cast<double>(events.size()) / learn_s, PeakRssMb());
  return 0;
}

}  // namespace
}  // namespace rapport::bench

int main(int argc, char** argv) {
  return rapport::bench::Run(rapport::bench::ParseArgs(argc, argv));
}
