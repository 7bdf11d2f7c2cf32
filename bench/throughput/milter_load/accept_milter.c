/* accept_milter: a libmilter filter that accepts every message, the floor
 * against which milter_load measures its own cost.
 *
 *   accept_milter -p inet:PORT@127.0.0.1 [-n]
 *
 * Plain, it asks for every stage and answers each with CONTINUE, as a filter
 * that inspects the whole message does. With -n it negotiates no-reply
 * flags for every stage before end of message, so the MTA never waits
 * before the final answer. */

#include <libmilter/mfapi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int no_reply = 0;

/* The answer for a stage before end of message. */
static sfsistat StageReply(void) { return no_reply ? SMFIS_NOREPLY : SMFIS_CONTINUE; }

static sfsistat OnNegotiate(SMFICTX* ctx, unsigned long f0, unsigned long f1, unsigned long f2,
                            unsigned long f3, unsigned long* pf0, unsigned long* pf1,
                            unsigned long* pf2, unsigned long* pf3) {
  (void)ctx;
  (void)f0;
  (void)f2;
  (void)f3;
  const unsigned long wanted = SMFIP_NR_CONN | SMFIP_NR_HELO | SMFIP_NR_MAIL | SMFIP_NR_RCPT |
                               SMFIP_NR_DATA | SMFIP_NR_UNKN | SMFIP_NR_EOH | SMFIP_NR_BODY |
                               SMFIP_NR_HDR;
  *pf0 = 0;
  *pf1 = no_reply ? (f1 & wanted) : 0;
  *pf2 = 0;
  *pf3 = 0;
  return SMFIS_CONTINUE;
}

static sfsistat OnConnect(SMFICTX* ctx, char* host, _SOCK_ADDR* addr) {
  (void)ctx;
  (void)host;
  (void)addr;
  return StageReply();
}

static sfsistat OnHelo(SMFICTX* ctx, char* helo) {
  (void)ctx;
  (void)helo;
  return StageReply();
}

static sfsistat OnEnvelope(SMFICTX* ctx, char** argv) {
  (void)ctx;
  (void)argv;
  return StageReply();
}

static sfsistat OnHeader(SMFICTX* ctx, char* name, char* value) {
  (void)ctx;
  (void)name;
  (void)value;
  return StageReply();
}

static sfsistat OnContext(SMFICTX* ctx) {
  (void)ctx;
  return StageReply();
}

static sfsistat OnBody(SMFICTX* ctx, unsigned char* chunk, size_t length) {
  (void)ctx;
  (void)chunk;
  (void)length;
  return StageReply();
}

static sfsistat OnEndOfMessage(SMFICTX* ctx) {
  (void)ctx;
  return SMFIS_ACCEPT;
}

static sfsistat OnAbort(SMFICTX* ctx) {
  (void)ctx;
  return SMFIS_CONTINUE;
}

int main(int argc, char** argv) {
  const char* socket_spec = NULL;
  int opt;
  while ((opt = getopt(argc, argv, "p:n")) != -1) {
    if (opt == 'p')
      socket_spec = optarg;
    else if (opt == 'n')
      no_reply = 1;
    else
      break;
  }
  if (socket_spec == NULL) {
    fprintf(stderr, "usage: %s -p inet:PORT@127.0.0.1|unix:PATH [-n]\n", argv[0]);
    return 2;
  }
  struct smfiDesc desc;
  memset(&desc, 0, sizeof(desc));
  desc.xxfi_name = no_reply ? "accept-no-reply" : "accept";
  desc.xxfi_version = SMFI_VERSION;
  desc.xxfi_flags = 0;
  desc.xxfi_connect = OnConnect;
  desc.xxfi_helo = OnHelo;
  desc.xxfi_envfrom = OnEnvelope;
  desc.xxfi_envrcpt = OnEnvelope;
  desc.xxfi_header = OnHeader;
  desc.xxfi_eoh = OnContext;
  desc.xxfi_body = OnBody;
  desc.xxfi_eom = OnEndOfMessage;
  desc.xxfi_abort = OnAbort;
  desc.xxfi_data = OnContext;
  desc.xxfi_negotiate = OnNegotiate;
  if (strncmp(socket_spec, "unix:", 5) == 0) unlink(socket_spec + 5);
  if (smfi_setconn((char*)socket_spec) == MI_FAILURE || smfi_register(desc) == MI_FAILURE) {
    fprintf(stderr, "accept_milter: cannot set up %s\n", socket_spec);
    return 1;
  }
  return smfi_main() == MI_SUCCESS ? 0 : 1;
}
