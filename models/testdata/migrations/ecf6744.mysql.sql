-- application password of keeper: bO0X565aieWauHGfPniL1ubX
/*M!999999\- enable the sandbox mode */ 
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `app_passwords` (
  `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  `uuid` varchar(36) NOT NULL,
  `user_id` bigint(20) unsigned NOT NULL,
  `app_id` varchar(36) NOT NULL DEFAULT '',
  `name` varchar(255) NOT NULL,
  `hash` varchar(128) NOT NULL,
  `created` datetime(3) NOT NULL,
  `last_used` datetime(3) DEFAULT NULL,
  `last_ip` varchar(45) NOT NULL DEFAULT '',
  PRIMARY KEY (`id`),
  UNIQUE KEY `idx_app_passwords_uuid` (`uuid`),
  KEY `idx_app_passwords_user_hash` (`user_id`,`hash`)
) ENGINE=InnoDB AUTO_INCREMENT=2 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
INSERT INTO `app_passwords` VALUES (1,'889e36e5-9aea-44a6-8add-30839727a288',6,'','Earlier commit','$generic$GES5tvZzHtfzPaxlmgAchE2akLG4ot1AYrL8vU-Z','2026-12-07 03:52:51.000',NULL,'');
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `audit_events` (
  `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  `time` datetime(3) NOT NULL,
  `event` varchar(40) NOT NULL,
  `user_id` bigint(20) unsigned NOT NULL DEFAULT 0,
  `actor_id` bigint(20) unsigned NOT NULL DEFAULT 0,
  `ip` varchar(45) NOT NULL DEFAULT '',
  `user_agent` varchar(255) NOT NULL DEFAULT '',
  `login` varchar(191) NOT NULL DEFAULT '',
  `app_password` varchar(36) NOT NULL DEFAULT '',
  `detail` varchar(255) NOT NULL DEFAULT '',
  PRIMARY KEY (`id`),
  KEY `idx_audit_events_time` (`time`),
  KEY `idx_audit_events_event` (`event`),
  KEY `idx_audit_events_user` (`user_id`)
) ENGINE=InnoDB AUTO_INCREMENT=2 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
INSERT INTO `audit_events` VALUES (1,'2026-12-07 03:52:51.000','app_password_created',6,0,'','','','889e36e5-9aea-44a6-8add-30839727a288','Earlier commit');
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `auth_throttles` (
  `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  `scope` varchar(8) NOT NULL,
  `key` varchar(191) NOT NULL,
  `failures` bigint(20) NOT NULL DEFAULT 0,
  `window_start` datetime(3) DEFAULT NULL,
  `locked_until` datetime(3) DEFAULT NULL,
  `locks` bigint(20) NOT NULL DEFAULT 0,
  PRIMARY KEY (`id`),
  UNIQUE KEY `idx_auth_throttles_key` (`scope`,`key`),
  KEY `idx_auth_throttles_locked` (`locked_until`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `options` (
  `name` varchar(191) NOT NULL,
  `value` text NOT NULL,
  PRIMARY KEY (`name`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
INSERT INTO `options` VALUES ('admin_email','admin@example.com');
INSERT INTO `options` VALUES ('blog_public','1');
INSERT INTO `options` VALUES ('blogdescription','Just another PressPass site');
INSERT INTO `options` VALUES ('blogname','PressPass Demo');
INSERT INTO `options` VALUES ('date_format','F j, Y');
INSERT INTO `options` VALUES ('default_category','1');
INSERT INTO `options` VALUES ('default_comment_status','open');
INSERT INTO `options` VALUES ('default_ping_status','open');
INSERT INTO `options` VALUES ('default_role','subscriber');
INSERT INTO `options` VALUES ('gmt_offset','0');
INSERT INTO `options` VALUES ('posts_per_page','10');
INSERT INTO `options` VALUES ('start_of_week','1');
INSERT INTO `options` VALUES ('time_format','g:i a');
INSERT INTO `options` VALUES ('timezone_string','');
INSERT INTO `options` VALUES ('users_can_register','0');
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `posts` (
  `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  `author_id` bigint(20) unsigned NOT NULL DEFAULT 0,
  `type` varchar(20) NOT NULL DEFAULT 'post',
  `status` varchar(20) NOT NULL DEFAULT 'publish',
  `date` datetime(3) NOT NULL,
  `date_gmt` datetime(3) NOT NULL,
  `modified` datetime(3) NOT NULL,
  `modified_gmt` datetime(3) NOT NULL,
  `title` text NOT NULL,
  `content` longtext NOT NULL,
  `excerpt` text NOT NULL,
  `slug` varchar(200) NOT NULL DEFAULT '',
  `password` varchar(255) NOT NULL DEFAULT '',
  `comment_status` varchar(20) NOT NULL DEFAULT 'open',
  `ping_status` varchar(20) NOT NULL DEFAULT 'open',
  `parent_id` bigint(20) unsigned NOT NULL DEFAULT 0,
  `menu_order` bigint(20) NOT NULL DEFAULT 0,
  `guid` varchar(255) NOT NULL DEFAULT '',
  `mime_type` varchar(100) NOT NULL DEFAULT '',
  `comment_count` bigint(20) NOT NULL DEFAULT 0,
  `sticky` tinyint(1) NOT NULL DEFAULT 0,
  `format` varchar(20) NOT NULL DEFAULT '',
  `template` varchar(255) NOT NULL DEFAULT '',
  PRIMARY KEY (`id`),
  KEY `idx_posts_author` (`author_id`),
  KEY `idx_posts_type_status_date` (`type`,`status`,`date`),
  KEY `idx_posts_slug` (`slug`),
  KEY `idx_posts_parent` (`parent_id`)
) ENGINE=InnoDB AUTO_INCREMENT=13 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
INSERT INTO `posts` VALUES (1,1,'post','publish','2024-02-01 10:00:00.000','2024-02-01 10:00:00.000','2024-02-01 10:00:00.000','2024-02-01 10:00:00.000','Welcome to PressPass','<!-- wp:paragraph -->\n<p>Welcome to PressPass body.</p>\n<!-- /wp:paragraph -->','','welcome-to-presspass','','open','open',0,0,'http://127.0.0.1:8080/?p=1','',0,0,'','');
INSERT INTO `posts` VALUES (2,1,'post','publish','2024-02-02 10:00:00.000','2024-02-02 10:00:00.000','2024-02-02 10:00:00.000','2024-02-02 10:00:00.000','Application passwords explained','<!-- wp:paragraph -->\n<p>Application passwords explained body.</p>\n<!-- /wp:paragraph -->','','application-passwords-explained','','open','open',0,0,'http://127.0.0.1:8080/?p=2','',0,0,'','');
INSERT INTO `posts` VALUES (3,2,'post','publish','2024-02-03 10:00:00.000','2024-02-03 10:00:00.000','2024-02-03 10:00:00.000','2024-02-03 10:00:00.000','Editing guidelines','<!-- wp:paragraph -->\n<p>Editing guidelines body.</p>\n<!-- /wp:paragraph -->','','editing-guidelines','','open','open',0,0,'http://127.0.0.1:8080/?p=3','',0,0,'','');
INSERT INTO `posts` VALUES (4,2,'post','draft','2024-02-04 10:00:00.000','0000-00-00 00:00:00.000','2024-02-04 10:00:00.000','2024-02-04 10:00:00.000','Upcoming features','<!-- wp:paragraph -->\n<p>Upcoming features body.</p>\n<!-- /wp:paragraph -->','','','','open','open',0,0,'http://127.0.0.1:8080/?p=4','',0,0,'','');
INSERT INTO `posts` VALUES (5,3,'post','publish','2024-02-05 10:00:00.000','2024-02-05 10:00:00.000','2024-02-05 10:00:00.000','2024-02-05 10:00:00.000','A day at the office','<!-- wp:paragraph -->\n<p>A day at the office body.</p>\n<!-- /wp:paragraph -->','','a-day-at-the-office','','open','open',0,0,'http://127.0.0.1:8080/?p=5','',0,0,'','');
INSERT INTO `posts` VALUES (6,3,'post','publish','2024-02-06 10:00:00.000','2024-02-06 10:00:00.000','2024-02-06 10:00:00.000','2024-02-06 10:00:00.000','Notes from the road','<!-- wp:paragraph -->\n<p>Notes from the road body.</p>\n<!-- /wp:paragraph -->','','notes-from-the-road','','open','open',0,0,'http://127.0.0.1:8080/?p=6','',0,0,'','');
INSERT INTO `posts` VALUES (7,3,'post','draft','2024-02-07 10:00:00.000','0000-00-00 00:00:00.000','2024-02-07 10:00:00.000','2024-02-07 10:00:00.000','Half-written thoughts','<!-- wp:paragraph -->\n<p>Half-written thoughts body.</p>\n<!-- /wp:paragraph -->','','','','open','open',0,0,'http://127.0.0.1:8080/?p=7','',0,0,'','');
INSERT INTO `posts` VALUES (8,4,'post','pending','2024-02-08 10:00:00.000','0000-00-00 00:00:00.000','2024-02-08 10:00:00.000','2024-02-08 10:00:00.000','My first contribution','<!-- wp:paragraph -->\n<p>My first contribution body.</p>\n<!-- /wp:paragraph -->','','','','open','open',0,0,'http://127.0.0.1:8080/?p=8','',0,0,'','');
INSERT INTO `posts` VALUES (9,4,'post','draft','2024-02-09 10:00:00.000','0000-00-00 00:00:00.000','2024-02-09 10:00:00.000','2024-02-09 10:00:00.000','Ideas for later','<!-- wp:paragraph -->\n<p>Ideas for later body.</p>\n<!-- /wp:paragraph -->','','','','open','open',0,0,'http://127.0.0.1:8080/?p=9','',0,0,'','');
INSERT INTO `posts` VALUES (10,1,'post','private','2024-02-10 10:00:00.000','2024-02-10 10:00:00.000','2024-02-10 10:00:00.000','2024-02-10 10:00:00.000','Private roadmap','<!-- wp:paragraph -->\n<p>Private roadmap body.</p>\n<!-- /wp:paragraph -->','','private-roadmap','','open','open',0,0,'http://127.0.0.1:8080/?p=10','',0,0,'','');
INSERT INTO `posts` VALUES (11,2,'post','publish','2024-02-11 10:00:00.000','2024-02-11 10:00:00.000','2024-02-11 10:00:00.000','2024-02-11 10:00:00.000','Style guide','<!-- wp:paragraph -->\n<p>Style guide body.</p>\n<!-- /wp:paragraph -->','','style-guide','','open','open',0,0,'http://127.0.0.1:8080/?p=11','',0,0,'','');
INSERT INTO `posts` VALUES (12,1,'page','publish','2024-02-12 10:00:00.000','2024-02-12 10:00:00.000','2024-02-12 10:00:00.000','2024-02-12 10:00:00.000','About this site','<!-- wp:paragraph -->\n<p>About this site body.</p>\n<!-- /wp:paragraph -->','','about-this-site','','closed','open',0,0,'http://127.0.0.1:8080/?p=12','',0,0,'','');
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `schema_migrations` (
  `version` bigint(20) NOT NULL,
  `name` varchar(100) NOT NULL,
  `applied_at` datetime(3) NOT NULL,
  PRIMARY KEY (`version`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
INSERT INTO `schema_migrations` VALUES (1,'users, application passwords, posts, options','2026-12-07 03:52:49.250');
INSERT INTO `schema_migrations` VALUES (2,'auth throttles and audit events','2026-12-07 03:52:49.297');
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `users` (
  `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  `login` varchar(60) NOT NULL,
  `email` varchar(100) NOT NULL,
  `nicename` varchar(50) NOT NULL,
  `display_name` varchar(250) NOT NULL,
  `first_name` varchar(250) NOT NULL DEFAULT '',
  `last_name` varchar(250) NOT NULL DEFAULT '',
  `nickname` varchar(250) NOT NULL DEFAULT '',
  `description` text NOT NULL,
  `url` varchar(100) NOT NULL DEFAULT '',
  `locale` varchar(20) NOT NULL DEFAULT '',
  `registered` datetime(3) NOT NULL,
  `role` varchar(40) NOT NULL,
  `password_hash` varchar(255) NOT NULL,
  `password_version` bigint(20) unsigned NOT NULL DEFAULT 1,
  `two_factor_secret` varchar(64) NOT NULL DEFAULT '',
  `two_factor_enabled` tinyint(1) NOT NULL DEFAULT 0,
  `two_factor_recovery` text NOT NULL,
  `app_passwords_disabled` tinyint(1) NOT NULL DEFAULT 0,
  PRIMARY KEY (`id`),
  UNIQUE KEY `idx_users_login` (`login`),
  KEY `idx_users_email` (`email`),
  KEY `idx_users_nicename` (`nicename`),
  KEY `idx_users_role` (`role`)
) ENGINE=InnoDB AUTO_INCREMENT=7 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
INSERT INTO `users` VALUES (1,'admin','admin@example.com','admin','Admin','Admin','Example','admin','','','','2024-01-01 00:00:00.000','administrator','$wp$2y$10$i/7SqW4gNC1GVskZko/mYOuZO3vOS/g0pgWyJvKSeEvrxZvr48xCe',1,'',0,'',0);
INSERT INTO `users` VALUES (2,'editor','editor@example.com','editor','Editor','Editor','Example','editor','','','','2024-01-01 00:00:00.000','editor','$wp$2y$10$h0eOTR6b5TVup8g49PL94eOfKmPiIozKtpcfxcwDdBMkAIIuIXoSe',1,'',0,'',0);
INSERT INTO `users` VALUES (3,'author','author@example.com','author','Author','Author','Example','author','','','','2024-01-01 00:00:00.000','author','$wp$2y$10$E/2CDlr3XXQaqvve/3zCuOwVHBwOse1EzN9mi6r56xrcNzZUCQbk6',1,'',0,'',0);
INSERT INTO `users` VALUES (4,'contributor','contributor@example.com','contributor','Contributor','Contributor','Example','contributor','','','','2024-01-01 00:00:00.000','contributor','$wp$2y$10$JBh3UcJsDYbcLkTrpivGuOaMHgac95fjxeFCu1US5SmMMwKrnM7IG',1,'',0,'',0);
INSERT INTO `users` VALUES (5,'subscriber','subscriber@example.com','subscriber','Subscriber','Subscriber','Example','subscriber','','','','2024-01-01 00:00:00.000','subscriber','$wp$2y$10$FAHkG2TEdzoBmw2kd/hvBuVFnlWYiM20byuIR2RTz0/zlyUMqAQlq',1,'',0,'',0);
INSERT INTO `users` VALUES (6,'keeper','keeper@example.com','keeper','keeper','','','keeper','','','','2026-12-07 03:52:51.000','administrator','$wp$2y$10$t2mzjOxci9Xof5zz9CkHYuCn3BMrcclebf93b60GzdELbu/pEnJzu',2,'',0,'',0);
