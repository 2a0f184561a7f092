// GNU readline (Debian: libreadline-dev), GPL-3: see README "Licence".
#include <stdio.h>
#include <readline/readline.h>
#include <readline/history.h>
