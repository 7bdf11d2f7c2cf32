#pragma once

#include <string>
#include <string_view>

#include "message/message.h"

namespace rapport {

// What a link's address says of the page it opens, read from the URL alone
// (the page is never fetched). The one home of these readings: a
// colleague's link (INTERNAL_LURE_PAGE) and a known correspondent's
// (INBOUND_LURE_PAGE) are read by the same words.

// The word of `link`'s host or path (split at every character that is not
// an ASCII letter or digit; the query and fragment are not read) that names
// signing in or an account, a page asking for a password: one that is or
// ends in login, logon, signin, signon, password, passwd, account, verify,
// validate, verification, authenticate or webmail ("userlogin",
// "updateaccount"); one that is owa, sso, auth, oauth or accounts whole
// ("owa" ends "iowa", "auth" begins "author"); or "sign in", "log in",
// "log on", "sign on" split in two, returned joined by '-' ("sign-in").
// Empty when none does.
std::string SignInWord(const Link& link);

// The folder a web publishing system keeps uploaded files and its own code
// in (WordPress's "/wp-content/uploads/", "/wp-includes/") when `link`
// points to a page (.html, .php, .asp…) or a bare folder there; empty
// otherwise. Upload folders serve files (a PDF, an image), never pages: a
// page there was put by someone who broke into the site, whose domain
// history cannot show (the site may be well known). Files there, and a
// plugin's own pages elsewhere, do not count.
std::string_view PlantedPageFolder(const Link& link);

}  // namespace rapport
