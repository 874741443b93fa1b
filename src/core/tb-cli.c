/* tb-cli.c: tianbao-cli (placeholder until the commands land) */
#include "tb-cli.h"
int
tb_cli_main (int    argc,
             char **argv)
{
  return 2;
}
