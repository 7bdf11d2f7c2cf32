#include "bench/detection/attack_eval/masked_forms.h"

#include <fmt/format.h>

#include <cctype>
#include <vector>

#include "bench/detection/attack_eval/draws.h"

namespace rapport {

namespace {

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// `pattern` with "{t}" the tenant, "{f}" a file name, "{h}" eight hex
// digits and "{n}" ten digits.
std::string Fill(std::string_view pattern, const std::string& name, std::mt19937_64* rng) {
  std::string url(pattern);
  auto replace = [&](std::string_view key, const std::string& with) {
    for (size_t at = url.find(key); at != std::string::npos; at = url.find(key, at + with.size())) {
      url.replace(at, key.size(), with);
    }
  };
  replace("{t}", name);
  replace("{f}", "Invoice_" + Hex(rng, 6));
  replace("{h}", Hex(rng, 8));
  std::string digits;
  for (int i = 0; i < 10; ++i) digits.push_back(static_cast<char>('0' + (*rng)() % 10));
  replace("{n}", digits);
  return url;
}

struct NewTenantForm {
  std::string_view platform;
  std::string_view form;
  std::string_view pattern;
};

constexpr std::array<NewTenantForm, 19> kNewTenantForms = {{
    {"SharePoint", "OneDrive share link (-my…/:b:/g/personal/)",
     "https://{t}-my.sharepoint.com/:b:/g/personal/ap_{t}_com/E{h}{h}?e={h}"},
    {"SharePoint", "OneDrive personal page (-my…/personal/…/_layouts)",
     "https://{t}-my.sharepoint.com/personal/ap_{t}_com/_layouts/15/onedrive.aspx?id={f}"},
    {"SharePoint", "SharePoint site share link (/:x:/r/sites/)",
     "https://{t}.sharepoint.com/:x:/r/sites/Finance/Shared%20Documents/{f}.xlsx?d=w{h}&csf=1"},
    {"Box", "Box tenant file (x.app.box.com/file/)", "https://{t}.app.box.com/file/{n}"},
    {"Box", "Box custom URL (x.ent.box.com/v/)", "https://{t}.ent.box.com/v/{f}"},
    {"S3", "S3 virtual-hosted, dual-stack",
     "https://{t}.s3.dualstack.us-east-1.amazonaws.com/{f}.html"},
    {"S3", "S3 website endpoint", "http://{t}.s3-website-us-east-1.amazonaws.com/{f}.html"},
    {"S3", "S3 path-style, legacy s3-region", "https://s3-us-west-2.amazonaws.com/{t}/{f}.html"},
    {"GCS", "GCS console path (storage.cloud.google.com)",
     "https://storage.cloud.google.com/{t}/{f}.html"},
    {"GCS", "GCS JSON API download (/download/storage/v1/b/)",
     "https://www.googleapis.com/download/storage/v1/b/{t}/o/{f}.html?alt=media"},
    {"Azure Blob", "Azure static website (zNN.web.core.windows.net)",
     "https://{t}.z13.web.core.windows.net/{f}.html"},
    {"Azure Blob", "Azure Blob $web container", "https://{t}.blob.core.windows.net/$web/{f}.html"},
    {"Netlify", "Netlify deploy preview (id--t)", "https://{h}--{t}.netlify.app/{f}"},
    {"Vercel", "Vercel branch URL (t-git-…)", "https://{t}-git-main-{h}.vercel.app/{f}"},
    {"pages.dev", "pages.dev preview (id.t.pages.dev)", "https://{h}.{t}.pages.dev/{f}"},
    {"Google Sites", "Google Sites, the site's root (/view/t)",
     "https://sites.google.com/view/{t}"},
    {"GitHub Pages", "GitHub Pages, the site's root", "https://{t}.github.io/"},
    {"Firebase", "Firebase hosting, the site's root", "https://{t}.web.app/"},
    {"workers.dev", "workers.dev, the worker's root", "https://{t}.{h}.workers.dev/"},
}};

}  // namespace

std::string PercentEncodedHost(std::string_view host) {
  std::string out;
  for (char c : host) out += fmt::format("%{:02x}", static_cast<unsigned char>(c));
  return out;
}

MaskedLure WriteMaskedLure(size_t form, const std::string& vendor_domain,
                           const std::string& phish_host, const std::string& platform_url,
                           const std::string& platform_detail, std::mt19937_64* rng) {
  MaskedLure lure;
  const std::string path = "/invoices/" + Hex(rng, 6);
  lure.url = "https://" + phish_host + path;
  std::string text = "https://www." + vendor_domain + "/invoices";
  const size_t variant = (*rng)() % 3;
  switch (form % kMaskedLinkForms.size()) {
    case 0:
      lure.url = platform_url;
      lure.detail = platform_detail;
      break;
    case 1: {
      static constexpr std::array<std::string_view, 3> kForms = {
          "www.vendor/invoices", "vendor/portal", "the bare host www.vendor"};
      lure.detail = std::string(kForms[variant]);
      text = variant == 0   ? "www." + vendor_domain + "/invoices"
             : variant == 1 ? vendor_domain + "/portal"
                            : "www." + vendor_domain;
      break;
    }
    case 2: {
      const std::string stem = vendor_domain.substr(0, vendor_domain.find('.'));
      const std::string rest = vendor_domain.substr(stem.size());
      const std::string half = stem.substr(0, stem.size() / 2);
      const std::string tail = stem.substr(stem.size() / 2);
      switch ((*rng)() % 4) {
        case 0:
          lure.detail = "split by inline tags";
          text = "<span>www.</span><b>" + stem + "</b>" + rest + "/invoices";
          break;
        case 1:
          lure.detail = "dots as entities (&#46;)";
          text = "www&#46;" + stem + "&#46;" + rest.substr(1) + "/invoices";
          break;
        case 2:
          lure.detail = "a zero-width space inside";
          text = "www." + half + "&#8203;" + tail + rest + "/invoices";
          break;
        default:
          lure.detail = "a soft hyphen inside (&shy;)";
          text = "https://www." + half + "&shy;" + tail + rest + "/invoices";
      }
      break;
    }
    case 3: {
      static constexpr std::array<std::string_view, 3> kBanks = {
          "www.chase.com", "www.bankofamerica.com", "www.wellsfargo.com"};
      static constexpr std::array<std::string_view, 3> kBrands = {
          "login.microsoftonline.com", "www.docusign.net", "www.paypal.com"};
      lure.detail = variant == 0   ? "our own domain (enron.com)"
                    : variant == 1 ? "a bank's domain"
                                   : "a brand's domain";
      text = "https://" +
             (variant == 0   ? std::string("www.enron.com")
              : variant == 1 ? std::string(Pick(kBanks, rng))
                             : std::string(Pick(kBrands, rng))) +
             "/account";
      break;
    }
    case 4: {
      const std::string base = phish_host.substr(0, phish_host.rfind('.'));
      lure.detail = variant == 0   ? "vendor.com.NEW.net (a label)"
                    : variant == 1 ? "NEW.com/vendor.com/ (a path)"
                                   : "vendor.com@NEW (userinfo)";
      lure.url = variant == 0   ? "https://www." + vendor_domain + "." + base + ".net" + path
                 : variant == 1 ? "https://" + phish_host + "/www." + vendor_domain + path
                                : "https://www." + vendor_domain + "@" + phish_host + path;
      break;
    }
    case 5: {
      lure.detail = variant == 0   ? "href host in upper case"
                    : variant == 1 ? "href host percent-encoded"
                                   : "href host an IDN (&#252;)";
      const std::string base = phish_host.substr(0, phish_host.rfind('.'));
      lure.url = variant == 0   ? "https://" + Upper(phish_host) + path
                 : variant == 1 ? "https://" + PercentEncodedHost(phish_host) + path
                                : "https://" + base + "-rechnungspr&#252;fung.com" + path;
      break;
    }
    default:
      lure.detail = "text/plain \"URL <URL>\" beside the masked HTML";
      lure.plain = "The revised invoice is at " + text + " <" + lure.url + ">\n\nRegards\n";
  }
  lure.html = "<p>The revised invoice is at <a href=\"" + lure.url + "\">" + text +
              "</a></p><p>Regards</p>";
  return lure;
}

std::string NewTenantFormUrl(std::string_view platform, const std::string& name,
                             std::mt19937_64* rng, std::string* form) {
  std::vector<const NewTenantForm*> forms;
  for (const NewTenantForm& f : kNewTenantForms) {
    if (f.platform == platform) forms.push_back(&f);
  }
  if (forms.empty()) return "";
  const NewTenantForm& chosen = *forms[(*rng)() % forms.size()];
  *form = std::string(chosen.form);
  std::string tenant = name;
  if (platform == "Azure Blob") std::erase(tenant, '-');
  return Fill(chosen.pattern, tenant, rng);
}

std::string UnreadableTenantUrl(std::mt19937_64* rng, std::string* form) {
  static constexpr std::array<NewTenantForm, 3> kUnreadable = {{
      {"", "1drv.ms short link", "https://1drv.ms/b/s!A{h}{h}"},
      {"", "Dropbox /scl/fi/ link", "https://www.dropbox.com/scl/fi/{h}{h}/{f}.pdf?rlkey={h}&dl=0"},
      {"", "Google Docs file id", "https://docs.google.com/document/d/1{h}{h}{h}/edit?usp=sharing"},
  }};
  const NewTenantForm& chosen = Pick(kUnreadable, rng);
  *form = std::string(chosen.form);
  return Fill(chosen.pattern, "", rng);
}

}  // namespace rapport
