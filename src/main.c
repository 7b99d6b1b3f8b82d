/* main.c: placeholder until the command line lands. */
#include <stdio.h>

int main(void)
{
	return 0;
}
