// enron_owner: prints the address an Enron mailbox belongs to
// (EnronMailboxOwner(), enron_owner.h), or nothing when it has no one
// owner, for the shell evaluations (evaluation.sh's enron_owner), so that
// they and attack_eval read the owner by the one rule.
//
// usage: enron_owner MAILBOX ARCHIVE   (enron_owner beck-s corpus/enron/beck-s.mbox)

#include <iostream>
#include <string>

#include "bench/detection/enron_owner.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: enron_owner MAILBOX ARCHIVE\n";
    return 2;
  }
  rapport::Config config;
  config.local_domains = {"enron.com"};
  const std::string owner = rapport::EnronMailboxOwner(argv[1], argv[2], config);
  if (!owner.empty()) std::cout << owner << "\n";
  return 0;
}
