# corpus-files: data/
# -*- mode: ruby -*-
# vi: set ft=ruby :

# Three web nodes and a database, on one private network.
BOX = ENV["BOX"] || "debian/bookworm64"
NODES = 3

Vagrant.configure("2") do |config|
  config.vm.box = BOX
  config.vm.box_check_update = false
  config.ssh.insert_key = false

  (1..NODES).each do |i|
    config.vm.define "web#{i}" do |web|
      web.vm.hostname = "web#{i}"
      web.vm.network :private_network, ip: "192.168.56.#{10 + i}"
      web.vm.provider :libvirt do |lv|
        lv.memory = 512
        lv.cpus = 1
      end
    end
  end

  config.vm.define "db", primary: true do |db|
    db.vm.hostname = "db"
    db.vm.network "private_network", ip: "192.168.56.20", libvirt__network_name: "lab"
    db.vm.synced_folder "./data", "/srv/data", type: "rsync", rsync__exclude: ".git/"
    db.vm.provision "shell", inline: <<-SHELL
      apt-get update
      apt-get install -y postgresql
    SHELL
  end

  config.vm.provider "virtualbox" do |vb|
    vb.memory = "1024"
  end
end
