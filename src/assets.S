/* assets.S: the built-in article and default data, compiled into the binary so
 * that fayan needs no data files at run time. */
	.section .rodata
	.global fayan_seed_data
	.global fayan_seed_end
	.global fayan_themes_data
	.global fayan_themes_end
	.balign 16
fayan_seed_data:
	.incbin SEED_FILE
fayan_seed_end:
	.byte 0
	.balign 16
fayan_themes_data:
	.incbin "assets/themes"
fayan_themes_end:
	.byte 0
	.section .note.GNU-stack,"",@progbits
