#include "message/link_page.h"

#include <array>
#include <utility>
#include <vector>

#include "message/ascii.h"

namespace rapport {

namespace {

constexpr std::array<std::string_view, 12> kSignInWords = {
    "login",   "logon",  "signin",   "signon",  "password",     "passwd",
    "account", "verify", "validate", "webmail", "verification", "authenticate"};
// Short words that count only whole: "owa" ends "iowa", "auth" is in "author".
constexpr std::array<std::string_view, 5> kWholeSignInWords = {"owa", "sso", "auth", "oauth",
                                                               "accounts"};
// Two words a URL splits that read as one ("sign-in", "log_on").
constexpr std::array<std::pair<std::string_view, std::string_view>, 4> kSplitSignInWords = {
    {{"sign", "in"}, {"log", "in"}, {"log", "on"}, {"sign", "on"}}};

// WordPress's: where it keeps uploaded files, and its own code.
constexpr std::array<std::string_view, 2> kUploadFolders = {"/wp-content/uploads/",
                                                            "/wp-includes/"};
constexpr std::array<std::string_view, 8> kPageExtensions = {".html", ".htm", ".php", ".asp",
                                                             ".aspx", ".jsp", ".cfm", ".shtml"};

std::string_view PathWithoutQuery(const Link& link) {
  return std::string_view(link.path).substr(0, link.path.find_first_of("?#"));
}

std::vector<std::string> UrlWords(const Link& link) {
  std::vector<std::string> words;
  std::string word;
  auto flush = [&] {
    if (!word.empty()) words.push_back(std::move(word));
    word.clear();
  };
  for (std::string_view part : {std::string_view(link.host), PathWithoutQuery(link)}) {
    for (char c : part) {
      if (IsAsciiAlnum(c)) {
        word.push_back(AsciiLower(c));
      } else {
        flush();
      }
    }
    flush();
  }
  return words;
}

}  // namespace

std::string SignInWord(const Link& link) {
  const std::vector<std::string> words = UrlWords(link);
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string_view word = words[i];
    for (std::string_view whole : kWholeSignInWords) {
      if (word == whole) return words[i];
    }
    for (std::string_view sign_in : kSignInWords) {
      if (word.ends_with(sign_in)) return words[i];
    }
    for (const auto& [first, second] : kSplitSignInWords) {
      if (word == first && i + 1 < words.size() && words[i + 1] == second) {
        return words[i] + "-" + words[i + 1];
      }
    }
  }
  return "";
}

std::string_view PlantedPageFolder(const Link& link) {
  const std::string path = AsciiLowered(PathWithoutQuery(link));
  for (std::string_view folder : kUploadFolders) {
    if (path.find(folder) == std::string::npos) continue;
    const std::string_view last = std::string_view(path).substr(path.rfind('/') + 1);
    if (last.empty()) return folder;
    for (std::string_view extension : kPageExtensions) {
      if (last.ends_with(extension)) return folder;
    }
  }
  return "";
}

}  // namespace rapport
