#include "message/link_page.h"

#include <catch2/catch.hpp>

#include "message/link_target.h"

namespace rapport {
namespace {

Link Url(std::string_view url) {
  Link link;
  link.url = std::string(url);
  DescribeLinkTarget(&link);
  return link;
}

TEST_CASE("SignInWord reads the host's and the path's words", "[link_page]") {
  CHECK(SignInWord(Url("https://statement-96c5-online.com/login")) == "login");
  CHECK(SignInWord(Url("https://www.example-hr.com/benefits/sign-in.html")) == "sign-in");
  CHECK(SignInWord(Url("https://www.example-hr.com/client/UpdateAccount")) == "updateaccount");
  CHECK(SignInWord(Url("https://webmail.example-mail.com/")) == "webmail");
  CHECK(SignInWord(Url("https://www.example-hr.com/owa/")) == "owa");
  CHECK(SignInWord(Url("https://accounts.example-id.com/x")) == "accounts");
  // A short word inside a longer one, an account's trade, the query.
  CHECK(SignInWord(Url("https://www.iowa.gov/author/accounting-rules.html")).empty());
  CHECK(SignInWord(Url("https://www.example-news.com/story?next=/login")).empty());
  CHECK(SignInWord(Url("https://www.example-news.com/2001/business/story.html")).empty());
}

TEST_CASE("PlantedPageFolder: pages and folders where only files are served", "[link_page]") {
  CHECK(
      PlantedPageFolder(Url("https://www.example-univ.edu/wp-content/uploads/adfedd/index.html")) ==
      "/wp-content/uploads/");
  CHECK(PlantedPageFolder(Url("https://www.example-univ.edu/WP-Content/Uploads/2024/05/")) ==
        "/wp-content/uploads/");
  CHECK(PlantedPageFolder(Url("https://www.example-univ.edu/wp-includes/js/doc.php?id=1")) ==
        "/wp-includes/");
  CHECK(PlantedPageFolder(Url("https://www.example-univ.edu/wp-content/uploads/2024/report.pdf"))
            .empty());
  CHECK(PlantedPageFolder(
            Url("https://www.example-univ.edu/wp-content/plugins/newsletter/statistics/link.php"))
            .empty());
  CHECK(PlantedPageFolder(Url("https://www.example-univ.edu/news/index.html")).empty());
  // The folder named in the query only is not the page's.
  CHECK(PlantedPageFolder(Url("https://www.example-univ.edu/go.php?u=/wp-content/uploads/a.html"))
            .empty());
}

}  // namespace
}  // namespace rapport
